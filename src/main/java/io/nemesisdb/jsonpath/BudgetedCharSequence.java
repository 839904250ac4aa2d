package io.nemesisdb.jsonpath;

/**
 * A string view for java.util.regex that counts every character read as a step of the request's
 * {@link EvaluationBudget}: the regex engine reads a character for every step it takes, so a
 * pattern that backtracks catastrophically spends the request's budget like any other work and is
 * stopped with it, however many strings it is tried on.
 */
final class BudgetedCharSequence implements CharSequence {

    private final String text;
    private final int offset;
    private final int length;
    private final EvaluationBudget budget;

    BudgetedCharSequence(String text, EvaluationBudget budget) {
        this(text, 0, text.length(), budget);
    }

    private BudgetedCharSequence(String text, int offset, int length, EvaluationBudget budget) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        budget.step();
        return text.charAt(offset + index);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BudgetedCharSequence(text, offset + start, end - start, budget);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }
}
