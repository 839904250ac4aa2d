package io.nemesisdb.protocol;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Session tokens: unsigned 64-bit integers, sent as a JSON number or a string of decimal digits,
 * always written back as a number.
 */
public final class Token {

    private Token() {
    }

    /**
     * The token {@code value} denotes, or {@code null} when it is malformed: not an integer literal
     * or digit string, negative, with a fraction or exponent, or above 2^64-1.
     */
    public static Long parse(JsonValue value) {
        if (value == null) {
            return null;
        }
        String digits;
        if (value instanceof LiteralNumber number) {
            digits = number.text();
        } else if (value instanceof JsonString string) {
            digits = string.getString();
        } else if (value instanceof JsonNumber number && number.isIntegral()) {
            digits = number.bigIntegerValue().toString();
        } else {
            return null;
        }
        return parseDigits(digits);
    }

    private static Long parseDigits(String digits) {
        if (!LiteralNumber.isUnsignedIntegerLiteral(digits) || digits.length() > 20) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
