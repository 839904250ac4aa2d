package io.nemesisdb.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * JSON text written straight into UTF-8 bytes, in a buffer that grows: strings with the escapes
 * RFC 8259 requires, JSON-P values as compact JSON. Replies and data files are built with it, so
 * neither passes through a {@code String} on its way out.
 */
public final class JsonText {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Numbers below this (statuses, counts, sizes) are written digit by digit; larger ones through the JDK's conversion, which is faster for long numbers. */
    private static final long SMALL = 100_000;

    private static final int RECENT_BITS = 10;
    /**
     * The digits of large unsigned numbers written lately, by value: a session's token recurs in
     * every reply of the session. Shared by all threads; an entry is immutable, so a race at worst
     * converts a number again.
     */
    private static final LargeNumber[] RECENT_LARGE = new LargeNumber[1 << RECENT_BITS];

    /** Thrown when the text would pass its {@linkplain #limit(int) limit}; nothing beyond it was allocated. */
    public static final class TooLarge extends RuntimeException {
        private final int limit;

        TooLarge(int limit) {
            super(null, null, false, false);
            this.limit = limit;
        }

        /** The limit the text would have passed, in bytes. */
        public int limit() {
            return limit;
        }
    }

    private byte[] bytes;
    private int length;
    private int limit = Integer.MAX_VALUE - 16;

    public JsonText(int capacity) {
        bytes = new byte[capacity];
    }

    /** Makes appending fail with {@link TooLarge} instead of passing {@code maxBytes}. */
    public JsonText limit(int maxBytes) {
        limit = maxBytes;
        return this;
    }

    /** {@code value} as compact JSON text. */
    public static String toJson(JsonValue value) {
        return new JsonText(64).value(value).toString();
    }

    /** The buffer; its first {@link #length()} bytes are the text. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Empties the buffer, keeping its capacity. */
    public void clear() {
        length = 0;
    }

    /** Appends one ASCII character. */
    public JsonText ascii(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Appends {@code text}, which holds only ASCII characters (JSON punctuation, names, number literals). */
    public JsonText ascii(String text) {
        int n = text.length();
        ensure(n);
        byte[] b = bytes;
        int p = length;
        for (int i = 0; i < n; i++) {
            b[p++] = (byte) text.charAt(i);
        }
        length = p;
        return this;
    }

    /** Appends UTF-8 bytes that are already JSON text. */
    public JsonText raw(byte[] utf8) {
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    /** Appends the contents of {@code other}. */
    public JsonText raw(JsonText other) {
        ensure(other.length);
        System.arraycopy(other.bytes, 0, bytes, length, other.length);
        length += other.length;
        return this;
    }

    public JsonText number(long value) {
        return value >= 0 && value < SMALL ? digits((int) value) : ascii(Long.toString(value));
    }

    /** Appends {@code value} as an unsigned 64-bit integer. */
    public JsonText unsigned(long value) {
        if (value >= 0 && value < SMALL) {
            return digits((int) value);
        }
        int slot = (int) ((value * 0x9E3779B97F4A7C15L) >>> (64 - RECENT_BITS));
        LargeNumber recent = RECENT_LARGE[slot];
        if (recent == null || recent.value() != value) {
            recent = new LargeNumber(value, Long.toUnsignedString(value).getBytes(StandardCharsets.US_ASCII));
            RECENT_LARGE[slot] = recent;
        }
        return raw(recent.digits());
    }

    /** A large unsigned number and its digits. */
    private record LargeNumber(long value, byte[] digits) {
    }

    /** Appends the decimal digits of {@code value}, which is not negative and below {@link #SMALL}. */
    private JsonText digits(int value) {
        int count = 1;
        for (int rest = value; rest >= 10; rest /= 10) {
            count++;
        }
        ensure(count);
        int p = length + count;
        int rest = value;
        do {
            bytes[--p] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        length += count;
        return this;
    }

    public JsonText bool(boolean value) {
        return ascii(value ? "true" : "false");
    }

    /**
     * Appends {@code s} as a quoted JSON string that is valid UTF-8: a surrogate without its pair
     * (sent as a {@code \ud800} escape), which UTF-8 cannot carry, is written as an escape too, so
     * the value stays exact.
     */
    public JsonText string(String s) {
        int n = s.length();
        ensure(n + 2);
        byte[] b = bytes;
        int p = length;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                b[p++] = (byte) c;
                continue;
            }
            length = p;
            ensure(6 + n - i);
            b = bytes;
            if (c < 0x80) {
                p = escapeAscii(b, p, c);
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                p = unicodeEscape(b, p, c);
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        b[p++] = '"';
        length = p;
        return this;
    }

    private static int escapeAscii(byte[] b, int p, char c) {
        char escape = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> 0;
        };
        if (escape != 0) {
            b[p++] = '\\';
            b[p++] = (byte) escape;
            return p;
        }
        return c < 0x20 ? unicodeEscape(b, p, c) : put(b, p, c);
    }

    private static int put(byte[] b, int p, char c) {
        b[p] = (byte) c;
        return p + 1;
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[c >> 12];
        b[p++] = HEX[(c >> 8) & 0xF];
        b[p++] = HEX[(c >> 4) & 0xF];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    /** Appends {@code value} as compact JSON. */
    public JsonText value(JsonValue value) {
        switch (value.getValueType()) {
            case STRING -> {
                if (value instanceof Utf8String utf8) {
                    ascii('"').raw(utf8.text()).ascii('"');
                } else {
                    string(((JsonString) value).getString());
                }
            }
            case NUMBER -> ascii(value instanceof LiteralNumber literal ? literal.text() : ((JsonNumber) value).toString());
            case TRUE -> ascii("true");
            case FALSE -> ascii("false");
            case NULL -> ascii("null");
            case OBJECT -> object((JsonObject) value);
            case ARRAY -> array((JsonArray) value);
        }
        return this;
    }

    private void object(JsonObject object) {
        ascii('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            if (!first) {
                ascii(',');
            }
            first = false;
            string(member.getKey()).ascii(':').value(member.getValue());
        }
        ascii('}');
    }

    private void array(JsonArray array) {
        ascii('[');
        int size = array.size();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                ascii(',');
            }
            value(array.get(i));
        }
        ascii(']');
    }

    /** The text decoded from its UTF-8 bytes. */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            if ((long) length + extra > limit) {
                throw new TooLarge(limit);
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(2L * bytes.length, length + extra)));
        }
    }
}
