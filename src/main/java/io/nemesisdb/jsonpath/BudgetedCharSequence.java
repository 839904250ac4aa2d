package io.nemesisdb.jsonpath;

/**
 * A string view for java.util.regex that counts character reads and aborts the match once a
 * budget is spent: the regex engine reads a character for every step it takes, so this bounds
 * the time of any pattern, however it backtracks.
 */
final class BudgetedCharSequence implements CharSequence {

    /** Thrown from inside the regex engine to abandon a match; never escapes {@link RegexCache}. */
    static final class BudgetExhausted extends RuntimeException {

        BudgetExhausted() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private final int offset;
    private final int length;
    private final long[] remaining;

    BudgetedCharSequence(String text, long budget) {
        this(text, 0, text.length(), new long[] {budget});
    }

    private BudgetedCharSequence(String text, int offset, int length, long[] remaining) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.remaining = remaining;
    }

    @Override
    public char charAt(int index) {
        if (--remaining[0] < 0) {
            throw new BudgetExhausted();
        }
        return text.charAt(offset + index);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BudgetedCharSequence(text, offset + start, end - start, remaining);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }
}
