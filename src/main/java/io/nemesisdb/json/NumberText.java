package io.nemesisdb.json;

import jakarta.json.JsonNumber;

/**
 * Numeric comparison of JSON number literals on their text, in time linear in their length.
 * {@code new BigDecimal(text)} takes time that grows with the square of the number of digits (12 s
 * for a million digits), and a client may send a literal of a million digits in a stored value or
 * in a query; compared here, such a literal costs a pass over its digits.
 *
 * <p>Comparisons agree with {@link java.math.BigDecimal#compareTo}, and {@link #hasDecimal} says
 * exactly when {@code new BigDecimal(text)} would succeed, so that callers keep BigDecimal's rules
 * for literals it cannot hold (such as {@code 1e9999999999}) without building one.
 */
public final class NumberText {

    /** The most exponent digits, leading zeros aside, that BigDecimal takes. */
    private static final int MAX_EXPONENT_DIGITS = 10;

    private NumberText() {
    }

    /** The literal text of {@code number}: as sent for a {@link LiteralNumber}, else its decimal string. */
    public static String of(JsonNumber number) {
        return number instanceof LiteralNumber literal ? literal.text() : number.toString();
    }

    /** What {@link #compare} returns when a literal has no BigDecimal. */
    public static final int INCOMPARABLE = Integer.MIN_VALUE;

    /**
     * True when {@code new BigDecimal(literal)} succeeds for this valid JSON number literal:
     * its exponent has at most ten digits after leading zeros, and its scale (digits after the
     * point, minus the exponent) fits in an {@code int}.
     */
    public static boolean hasDecimal(String literal) {
        return new Parts(literal).hasDecimal();
    }

    /**
     * Compares two valid JSON number literals (BigDecimal's {@code toString} forms too) by value,
     * as {@code BigDecimal.compareTo} would: negative, zero or positive; or {@link #INCOMPARABLE}
     * when either has no BigDecimal.
     */
    public static int compare(String a, String b) {
        Parts x = new Parts(a);
        Parts y = new Parts(b);
        if (!x.hasDecimal() || !y.hasDecimal()) {
            return INCOMPARABLE;
        }
        int sx = x.signum();
        int sy = y.signum();
        if (sx != sy || sx == 0) {
            return Integer.compare(sx, sy);
        }
        int magnitude = compareMagnitudes(x, y);
        return sx > 0 ? magnitude : -magnitude; // a small number, never INCOMPARABLE
    }

    private static int compareMagnitudes(Parts x, Parts y) {
        if (x.leadingExponent() != y.leadingExponent()) {
            return Long.compare(x.leadingExponent(), y.leadingExponent());
        }
        int lengthX = x.lastNonZero - x.firstNonZero + 1;
        int lengthY = y.lastNonZero - y.firstNonZero + 1;
        int common = Math.min(lengthX, lengthY);
        for (int k = 0; k < common; k++) {
            int order = Character.compare(x.digit(x.firstNonZero + k), y.digit(y.firstNonZero + k));
            if (order != 0) {
                return order;
            }
        }
        // equal so far: the one with more significant digits left (ending in a non-zero) is larger
        return Integer.compare(lengthX, lengthY);
    }

    /**
     * The parts of a literal {@code [-]int[.frac][(e|E)[+|-]exp]}: its significant digits are those
     * of int and frac taken as one sequence, from the first non-zero to the last non-zero.
     */
    private static final class Parts {
        private final String text;
        private final boolean negative;
        private final int intStart;
        private final int intLength;
        private final int fracStart;
        private final int fracLength;
        private final long exponent;
        private final boolean exponentFits;
        /** Indexes in the digit sequence; -1 when every digit is zero. */
        private final int firstNonZero;
        private final int lastNonZero;

        Parts(String text) {
            this.text = text;
            int i = 0;
            negative = text.charAt(0) == '-';
            if (negative) {
                i++;
            }
            intStart = i;
            while (i < text.length() && isDigit(text.charAt(i))) {
                i++;
            }
            intLength = i - intStart;
            if (i < text.length() && text.charAt(i) == '.') {
                i++;
            }
            fracStart = i;
            while (i < text.length() && isDigit(text.charAt(i))) {
                i++;
            }
            fracLength = i - fracStart;
            long exp = 0;
            boolean fits = true;
            if (i < text.length()) {
                i++; // e or E
                boolean negativeExponent = text.charAt(i) == '-';
                if (negativeExponent || text.charAt(i) == '+') {
                    i++;
                }
                while (i < text.length() - 1 && text.charAt(i) == '0') {
                    i++;
                }
                fits = text.length() - i <= MAX_EXPONENT_DIGITS;
                if (fits) {
                    for (; i < text.length(); i++) {
                        exp = exp * 10 + (text.charAt(i) - '0');
                    }
                }
                exp = negativeExponent ? -exp : exp;
            }
            exponent = exp;
            exponentFits = fits;
            int length = intLength + fracLength;
            int first = 0;
            while (first < length && digit(first) == '0') {
                first++;
            }
            int last = length - 1;
            while (last >= first && digit(last) == '0') {
                last--;
            }
            firstNonZero = first < length ? first : -1;
            lastNonZero = last;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        char digit(int k) {
            return k < intLength ? text.charAt(intStart + k) : text.charAt(fracStart + k - intLength);
        }

        boolean hasDecimal() {
            long scale = fracLength - exponent;
            return exponentFits && (int) scale == scale;
        }

        int signum() {
            return firstNonZero < 0 ? 0 : negative ? -1 : 1;
        }

        /** e such that the value is 0.d1d2… × 10^e, d1 the first significant digit. */
        long leadingExponent() {
            return intLength - (long) firstNonZero + exponent;
        }
    }
}
