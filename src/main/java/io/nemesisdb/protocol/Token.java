package io.nemesisdb.protocol;

import io.nemesisdb.json.LiteralNumber;
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

    /** One pass over the digits, as {@code Long.parseUnsignedLong} without its substring and exceptions. */
    private static Long parseDigits(String digits) {
        int length = digits.length();
        if (length == 0 || length > 20) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            int digit = digits.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            if (i < 18) {
                value = value * 10 + digit;
            } else {
                long times10 = value * 10;
                long sum = times10 + digit;
                if (Math.unsignedMultiplyHigh(value, 10) != 0 || Long.compareUnsigned(sum, times10) < 0) {
                    return null;
                }
                value = sum;
            }
        }
        return value;
    }
}
