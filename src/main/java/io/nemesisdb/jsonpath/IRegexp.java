package io.nemesisdb.jsonpath;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates an RFC 9485 I-Regexp into an equivalent {@link Pattern}. Every literal character is
 * written as {@code \x{...}} so that nothing in it can mean anything special to java.util.regex;
 * {@code .} becomes "any character but CR and LF" as I-Regexp defines it, and {@code ^}/{@code $}
 * anchor at the very start and end of the string.
 */
final class IRegexp {

    private static final String CATEGORY_SECOND_LETTERS = "L:lmotu M:cen N:dlo P:cdefios Z:lps S:ckmo C:cfno";

    private final String source;
    private int pos;
    private final StringBuilder out = new StringBuilder();

    private IRegexp(String source) {
        this.source = source;
    }

    /** The compiled pattern, or null when the text is not a valid I-Regexp. */
    static Pattern compile(String iRegexp) {
        IRegexp translator = new IRegexp(iRegexp);
        if (!translator.regexp() || translator.pos != iRegexp.length()) {
            return null;
        }
        try {
            return Pattern.compile(translator.out.toString());
        } catch (PatternSyntaxException | StackOverflowError e) {
            return null;
        }
    }

    private boolean regexp() {
        if (!branch()) {
            return false;
        }
        while (peek() == '|') {
            pos++;
            out.append('|');
            if (!branch()) {
                return false;
            }
        }
        return true;
    }

    private boolean branch() {
        while (pos < source.length() && peek() != '|' && peek() != ')') {
            if (!atom() || !quantifier()) {
                return false;
            }
        }
        return true;
    }

    private boolean atom() {
        int c = source.codePointAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                out.append("(?:");
                if (!regexp() || peek() != ')') {
                    return false;
                }
                pos++;
                out.append(')');
                return true;
            }
            case '.' -> {
                pos++;
                out.append("[^\\n\\r]");
                return true;
            }
            case '[' -> {
                return charClassExpression();
            }
            case '^', '$' -> {
                // The compliance suite reads these as anchors, as ECMAScript and XSD-derived engines do.
                pos++;
                out.append(c == '^' ? "\\A" : "\\z");
                return true;
            }
            case '\\' -> {
                return escape(false);
            }
            case '*', '+', '?', '{', '}', ']', ')', '|' -> {
                return false;
            }
            default -> {
                if (isSurrogate(c)) {
                    return false;
                }
                pos += Character.charCount(c);
                literal(c);
                return true;
            }
        }
    }

    private boolean quantifier() {
        int c = peek();
        if (c == '*' || c == '+' || c == '?') {
            pos++;
            out.append((char) c);
            return true;
        }
        if (c != '{') {
            return true;
        }
        pos++;
        String min = digits();
        if (min.isEmpty()) {
            return false;
        }
        out.append('{').append(min);
        if (peek() == ',') {
            pos++;
            out.append(',').append(digits());
        }
        if (peek() != '}') {
            return false;
        }
        pos++;
        out.append('}');
        return true;
    }

    private String digits() {
        int start = pos;
        while (pos < source.length() && source.charAt(pos) >= '0' && source.charAt(pos) <= '9') {
            pos++;
        }
        return source.substring(start, pos);
    }

    /** {@code [^a-z\p{L}-]}: an optional leading or trailing '-' is literal; ranges of single characters. */
    private boolean charClassExpression() {
        pos++;
        out.append('[');
        if (peek() == '^') {
            pos++;
            out.append('^');
        }
        boolean first = true;
        while (pos < source.length() && peek() != ']') {
            if (peek() == '-') {
                boolean leading = first;
                boolean trailing = pos + 1 < source.length() && source.charAt(pos + 1) == ']';
                if (!leading && !trailing) {
                    return false;
                }
                pos++;
                literal('-');
            } else if (source.startsWith("\\p{", pos) || source.startsWith("\\P{", pos)) {
                if (!escape(true)) {
                    return false;
                }
            } else {
                int low = classChar();
                if (low < 0) {
                    return false;
                }
                if (peek() == '-' && pos + 1 < source.length() && source.charAt(pos + 1) != ']') {
                    pos++;
                    int high = classChar();
                    if (high < 0 || high < low) {
                        return false;
                    }
                    literal(low);
                    out.append('-');
                    literal(high);
                } else {
                    literal(low);
                }
            }
            first = false;
        }
        if (peek() != ']' || first) {
            return false;
        }
        pos++;
        out.append(']');
        return true;
    }

    /** A single character inside a class, or -1 when the text there is not one. */
    private int classChar() {
        int c = source.codePointAt(pos);
        if (c == '\\') {
            int escaped = singleCharEscape(pos + 1);
            if (escaped >= 0) {
                pos += 2;
            }
            return escaped;
        }
        if (c == '[' || c == ']' || c == '-' || isSurrogate(c)) {
            return -1;
        }
        pos += Character.charCount(c);
        return c;
    }

    private boolean escape(boolean insideClass) {
        if (pos + 1 >= source.length()) {
            return false;
        }
        char kind = source.charAt(pos + 1);
        if (kind == 'p' || kind == 'P') {
            int close = source.indexOf('}', pos);
            if (pos + 2 >= source.length() || source.charAt(pos + 2) != '{' || close < 0) {
                return false;
            }
            String category = source.substring(pos + 3, close);
            if (!isCategory(category)) {
                return false;
            }
            out.append('\\').append(kind).append('{').append(category).append('}');
            pos = close + 1;
            return true;
        }
        int escaped = singleCharEscape(pos + 1);
        if (escaped < 0 || insideClass) {
            return false;
        }
        pos += 2;
        literal(escaped);
        return true;
    }

    /** The character a single-character escape stands for, or -1 when I-Regexp has no such escape. */
    private int singleCharEscape(int at) {
        if (at >= source.length()) {
            return -1;
        }
        char c = source.charAt(at);
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case '(', ')', '*', '+', '-', '.', '?', '[', '\\', ']', '^', '{', '|', '}' -> c;
            default -> -1;
        };
    }

    private static boolean isCategory(String category) {
        if (category.isEmpty() || category.length() > 2) {
            return false;
        }
        for (String family : CATEGORY_SECOND_LETTERS.split(" ")) {
            if (family.charAt(0) == category.charAt(0)) {
                return category.length() == 1 || family.indexOf(category.charAt(1), 2) >= 0;
            }
        }
        return false;
    }

    private void literal(int codePoint) {
        out.append("\\x{").append(Integer.toHexString(codePoint)).append('}');
    }

    private int peek() {
        return pos < source.length() ? source.charAt(pos) : -1;
    }

    private static boolean isSurrogate(int c) {
        return c >= 0xD800 && c <= 0xDFFF;
    }
}
