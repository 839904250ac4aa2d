package io.nemesisdb.json;

import java.math.BigDecimal;
import java.math.BigInteger;

import jakarta.json.JsonNumber;

/**
 * A JSON number that keeps the literal text it was written with, so that a stored number comes
 * back exactly as the client sent it (no precision lost, no reformatting) and writing it costs a
 * copy of its text. The decimal value is computed on first use.
 */
public final class LiteralNumber implements JsonNumber {

    /** The integers whose literals are shared: {@code of("42")} twice gives one object, as small numbers recur. */
    private static final LiteralNumber[] SMALL_INTEGERS = new LiteralNumber[1000];

    static {
        for (int i = 0; i < SMALL_INTEGERS.length; i++) {
            SMALL_INTEGERS[i] = new LiteralNumber(Integer.toString(i));
        }
    }

    private final String text;
    private BigDecimal decimal;

    /** @param text a number literal valid by RFC 8259 */
    public LiteralNumber(String text) {
        this.text = text;
    }

    /** The number written {@code text}, valid by RFC 8259: a shared one for the literals of 0 to 999. */
    public static LiteralNumber of(String text) {
        int n = text.length();
        if (n > 3 || n > 1 && text.charAt(0) == '0') {
            return new LiteralNumber(text);
        }
        int value = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return new LiteralNumber(text);
            }
            value = value * 10 + c - '0';
        }
        return SMALL_INTEGERS[value];
    }

    /** True when the literal is a non-negative integer written without fraction or exponent. */
    public static boolean isUnsignedIntegerLiteral(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The literal as sent. */
    public String text() {
        return text;
    }

    /** As {@link JsonNumber} defines it: the decimal value has scale 0. */
    @Override
    public boolean isIntegral() {
        return bigDecimalValue().scale() == 0;
    }

    @Override
    public int intValue() {
        return bigDecimalValue().intValue();
    }

    @Override
    public int intValueExact() {
        return bigDecimalValue().intValueExact();
    }

    @Override
    public long longValue() {
        return bigDecimalValue().longValue();
    }

    @Override
    public long longValueExact() {
        return bigDecimalValue().longValueExact();
    }

    @Override
    public BigInteger bigIntegerValue() {
        return bigDecimalValue().toBigInteger();
    }

    @Override
    public BigInteger bigIntegerValueExact() {
        return bigDecimalValue().toBigIntegerExact();
    }

    @Override
    public double doubleValue() {
        return bigDecimalValue().doubleValue();
    }

    @Override
    public BigDecimal bigDecimalValue() {
        BigDecimal value = decimal;
        if (value == null) {
            value = new BigDecimal(text);
            decimal = value;
        }
        return value;
    }

    @Override
    public Number numberValue() {
        return bigDecimalValue();
    }

    @Override
    public ValueType getValueType() {
        return ValueType.NUMBER;
    }

    /** Equal to any JSON number of the same decimal value and scale, as {@link JsonNumber} requires. */
    @Override
    public boolean equals(Object other) {
        return this == other
                || other instanceof JsonNumber number && bigDecimalValue().equals(number.bigDecimalValue());
    }

    @Override
    public int hashCode() {
        return bigDecimalValue().hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
