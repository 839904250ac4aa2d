package io.nemesisdb.jsonpath;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compiled regular expressions of one {@code match()} or {@code search()} call. A literal
 * pattern is compiled once with the query; patterns that come from the data are compiled on first
 * use and kept, up to a bound, so no pattern is compiled per node. Matching spends the request's
 * {@link EvaluationBudget}, a step per character read: a pattern that backtracks catastrophically
 * ends the request with {@link BudgetExceededException} instead of holding a thread.
 */
final class RegexCache {

    private static final int MAX_DYNAMIC_PATTERNS = 256;

    private final String literalText;
    private final Optional<Pattern> literal;
    private final boolean wholeString;
    private final Map<String, Optional<Pattern>> dynamic = new ConcurrentHashMap<>();

    RegexCache(String literalText, boolean wholeString) {
        this.literalText = literalText;
        this.literal = literalText == null ? Optional.empty() : compile(literalText);
        this.wholeString = wholeString;
    }

    /** Whether {@code subject} matches (whole string) or contains (search) the I-Regexp; false when it is invalid. */
    boolean matches(String iRegexp, String subject, EvaluationBudget budget) {
        Optional<Pattern> pattern = iRegexp.equals(literalText) ? literal : dynamicPattern(iRegexp);
        if (pattern.isEmpty()) {
            return false;
        }
        Matcher matcher = pattern.get().matcher(new BudgetedCharSequence(subject, budget));
        try {
            return wholeString ? matcher.matches() : matcher.find();
        } catch (StackOverflowError e) {
            // java.util.regex recurses per repetition; a long subject must not take the server down
            throw new JsonPathEvaluationException("regular expression '" + iRegexp
                    + "' nests too deeply on a string of " + subject.length() + " characters");
        }
    }

    private Optional<Pattern> dynamicPattern(String iRegexp) {
        Optional<Pattern> known = dynamic.get(iRegexp);
        if (known != null) {
            return known;
        }
        Optional<Pattern> compiled = compile(iRegexp);
        if (dynamic.size() < MAX_DYNAMIC_PATTERNS) {
            dynamic.put(iRegexp, compiled);
        }
        return compiled;
    }

    private static Optional<Pattern> compile(String iRegexp) {
        return Optional.ofNullable(IRegexp.compile(iRegexp));
    }
}
