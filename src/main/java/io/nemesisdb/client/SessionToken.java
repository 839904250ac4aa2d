package io.nemesisdb.client;

import java.math.BigInteger;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A session's token: an unsigned 64-bit integer, 0 to 18446744073709551615. Tokens above 2^63 are
 * common, so a token is never a {@code long} read as signed nor a {@code double}: this keeps its 64
 * bits and prints them as the unsigned decimal number the server sends.
 */
public final class SessionToken implements Comparable<SessionToken> {

    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final long bits;

    private SessionToken(long bits) {
        this.bits = bits;
    }

    /** The token whose 64 bits are {@code bits} (as {@link Long#toUnsignedString(long)} reads them). */
    public static SessionToken ofBits(long bits) {
        return new SessionToken(bits);
    }

    /** The token written as the decimal digits {@code digits}; fails on anything else or a value above 2^64-1. */
    public static SessionToken of(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a token is written with decimal digits only: '" + digits + "'");
        }
        return of(new BigInteger(digits));
    }

    /** The token {@code value}; fails when it is negative or above 2^64-1. */
    public static SessionToken of(BigInteger value) {
        if (value.signum() < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("a token is between 0 and 18446744073709551615: " + value);
        }
        return new SessionToken(value.longValue());
    }

    /** The token a reply carries (a JSON number, or a string of digits), or null for JSON null or none. */
    static SessionToken fromJson(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            return of(number.bigIntegerValueExact());
        }
        if (value instanceof JsonString string) {
            return of(string.getString());
        }
        throw new IllegalArgumentException("not a token: " + value);
    }

    /** The 64 bits, for storing the token in a {@code long} (read it back with {@link #ofBits(long)}). */
    public long bits() {
        return bits;
    }

    public BigInteger toBigInteger() {
        return new BigInteger(Long.toUnsignedString(bits));
    }

    /** The token as the JSON number the protocol sends. */
    public JsonNumber toJson() {
        return Link.JSON.createValue(toBigInteger());
    }

    @Override
    public int compareTo(SessionToken other) {
        return Long.compareUnsigned(bits, other.bits);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionToken token && token.bits == bits;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bits);
    }

    /** The unsigned decimal number, as the server writes it. */
    @Override
    public String toString() {
        return Long.toUnsignedString(bits);
    }
}
