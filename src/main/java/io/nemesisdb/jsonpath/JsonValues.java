package io.nemesisdb.jsonpath;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import io.nemesisdb.json.LiteralNumber;
import io.nemesisdb.json.NumberText;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Equality and ordering of JSON values as RFC 9535 compares them: numbers by value (1 == 1.0),
 * strings by Unicode scalar values, structures member by member. Equality walks with an explicit
 * stack so that comparing deeply nested values cannot overflow the thread's stack.
 */
final class JsonValues {

    /** The longest number literal compared as a BigDecimal; see {@link #compareNumbers}. */
    static final int LONGEST_DECIMAL_LITERAL = 1000;

    private JsonValues() {
    }

    /** Equality where null is Nothing: Nothing equals only Nothing; a step per pair of values compared. */
    static boolean equal(JsonValue left, JsonValue right, Evaluation evaluation) {
        if (left == null || right == null) {
            return left == right;
        }
        Deque<JsonValue> pending = new ArrayDeque<>();
        pending.push(left);
        pending.push(right);
        while (!pending.isEmpty()) {
            JsonValue b = pending.pop();
            JsonValue a = pending.pop();
            evaluation.step();
            if (a == b) {
                continue;
            }
            if (!sameKind(a, b)) {
                return false;
            }
            switch (a) {
                case JsonNumber number -> {
                    if (!equalNumbers(number, (JsonNumber) b)) {
                        return false;
                    }
                }
                case JsonString string -> {
                    if (!string.getString().equals(((JsonString) b).getString())) {
                        return false;
                    }
                }
                case JsonArray array -> {
                    JsonArray other = (JsonArray) b;
                    if (array.size() != other.size()) {
                        return false;
                    }
                    for (int i = 0; i < array.size(); i++) {
                        pending.push(array.get(i));
                        pending.push(other.get(i));
                    }
                }
                case JsonObject object -> {
                    JsonObject other = (JsonObject) b;
                    if (object.size() != other.size()) {
                        return false;
                    }
                    for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                        JsonValue otherMember = other.get(member.getKey());
                        if (otherMember == null) {
                            return false;
                        }
                        pending.push(member.getValue());
                        pending.push(otherMember);
                    }
                }
                default -> {
                    // true, false and null are equal to their own kind, checked above
                }
            }
        }
        return true;
    }

    /** Ordering: only two numbers or two strings are ever less than one another. */
    static boolean less(JsonValue left, JsonValue right) {
        if (left instanceof JsonNumber a && right instanceof JsonNumber b) {
            int order = compareNumbers(a, b);
            return order != NumberText.INCOMPARABLE && order < 0;
        }
        if (left instanceof JsonString a && right instanceof JsonString b) {
            return compareCodePoints(a.getString(), b.getString()) < 0;
        }
        return false;
    }

    // A stored literal such as 1e9999999999 is valid JSON but has no BigDecimal (exponent overflow):
    // it then equals only the same literal and is neither less nor greater than anything.
    private static boolean equalNumbers(JsonNumber a, JsonNumber b) {
        int order = compareNumbers(a, b);
        // the same text without a decimal in one has none in the other
        return order == NumberText.INCOMPARABLE ? NumberText.of(a).equals(NumberText.of(b)) : order == 0;
    }

    /**
     * Numbers compare as BigDecimals, each literal's built on first use and kept (cheapest when
     * stored values are queried again and again); a literal longer than
     * {@value #LONGEST_DECIMAL_LITERAL} characters compares on its text in linear time instead, as a
     * BigDecimal's construction grows with the square of its length beyond that (12 s for a
     * million digits; about 13 ns a digit up to a thousand).
     */
    private static int compareNumbers(JsonNumber a, JsonNumber b) {
        if (isLong(a) || isLong(b)) {
            return NumberText.compare(NumberText.of(a), NumberText.of(b));
        }
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        return x == null || y == null ? NumberText.INCOMPARABLE : x.compareTo(y);
    }

    private static boolean isLong(JsonNumber number) {
        return number instanceof LiteralNumber literal && literal.text().length() > LONGEST_DECIMAL_LITERAL;
    }

    private static BigDecimal decimal(JsonNumber number) {
        try {
            return number.bigDecimalValue();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static boolean sameKind(JsonValue a, JsonValue b) {
        return a.getValueType() == b.getValueType();
    }

    // String.compareTo orders UTF-16 units, which puts U+E000..U+FFFF after supplementary characters.
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
