package io.nemesisdb.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.nemesisdb.json.JsonText;
import io.nemesisdb.json.LiteralNumber;
import io.nemesisdb.json.Utf8String;
import jakarta.json.JsonValue;

/**
 * One stored key and its value, the form a {@link DenseKeyTable} holds. A key with a scalar value
 * (a string, a number, true, false, null) is one byte array: the key's length (a varint), the
 * key's bytes, then the value's JSON text as {@link JsonText} writes it; one object per key where
 * a map of parsed values needs five or more. A key with an object or an array value is a
 * {@link Held}: the same array without the value, and the value as it was given, since reading
 * a large object from its text on every access costs far more than keeping it (a second for an
 * object of 131,072 members).
 *
 * <p>A key's bytes are its UTF-8, except that a lone surrogate (a request can name one with a
 * {@code \u005Cu} escape) takes the three bytes UTF-8 would give its code point, so that every
 * {@code String} has bytes of its own and comes back from them unchanged.
 *
 * <p>A scalar comes back as what reading its text gives: a string as a {@link Utf8String} (a copy
 * of its text), a number as a {@link LiteralNumber} of the same literal. So a value round-trips
 * byte for byte.
 */
final class DenseEntry {

    /** A key with an object or array value: {@code key} is laid out as an entry's start, without a value. */
    private record Held(byte[] key, JsonValue value) {
    }

    private DenseEntry() {
    }

    /** The entry of {@code key}, given as {@link #keyBytes(String)}, holding {@code value}. */
    static Object of(byte[] key, JsonValue value) {
        JsonValue.ValueType type = value.getValueType();
        boolean held = type == JsonValue.ValueType.OBJECT || type == JsonValue.ValueType.ARRAY;
        JsonText text = new JsonText(key.length + (held ? 5 : 48));
        for (int n = key.length; ; n >>>= 7) {
            if (n < 0x80) {
                text.ascii((char) n);
                break;
            }
            text.ascii((char) (n & 0x7F | 0x80));
        }
        text.raw(key);
        if (held) {
            return new Held(Arrays.copyOf(text.bytes(), text.length()), value);
        }
        text.value(value);
        return Arrays.copyOf(text.bytes(), text.length());
    }

    /** The bytes that stand for {@code key} in an entry. */
    static byte[] keyBytes(String key) {
        int n = key.length();
        int ascii = 0;
        while (ascii < n && key.charAt(ascii) < 0x80) {
            ascii++;
        }
        if (ascii == n) {
            return key.getBytes(StandardCharsets.ISO_8859_1);
        }
        byte[] b = new byte[n * 3];
        int p = 0;
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(key.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, key.charAt(++i));
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return Arrays.copyOf(b, p);
    }

    /** The array that starts with the entry's key. */
    static byte[] keyOf(Object entry) {
        return entry instanceof Held held ? held.key : (byte[]) entry;
    }

    /** Where the key's bytes start in {@link #keyOf}. */
    static int keyStart(byte[] entry) {
        int i = 0;
        while (entry[i] < 0) {
            i++;
        }
        return i + 1;
    }

    /** How many bytes the key has, read from {@link #keyOf}. */
    static int keyLength(byte[] entry) {
        int n = 0;
        int shift = 0;
        for (int i = 0; ; i++, shift += 7) {
            n |= (entry[i] & 0x7F) << shift;
            if (entry[i] >= 0) {
                return n;
            }
        }
    }

    /** True when the entry is {@code key}'s, given as {@link #keyBytes(String)}. */
    static boolean hasKey(Object held, byte[] key) {
        byte[] entry = keyOf(held);
        int start = keyStart(entry);
        int end = start + key.length;
        return keyLength(entry) == key.length && end <= entry.length && Arrays.equals(entry, start, end, key, 0, key.length);
    }

    /** The key, as it was given. */
    static String key(Object held) {
        byte[] entry = keyOf(held);
        int from = keyStart(entry);
        int to = from + keyLength(entry);
        for (int i = from; i < to; i++) {
            if (entry[i] < 0) {
                return decode(entry, from, to);
            }
        }
        return new String(entry, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** The value, as it was given or as reading its text gives it. */
    static JsonValue value(Object held) {
        if (held instanceof Held h) {
            return h.value;
        }
        byte[] entry = (byte[]) held;
        int from = keyStart(entry) + keyLength(entry);
        return switch (entry[from]) {
            case '"' -> Utf8String.ofText(entry, from + 1, entry.length - 1);
            case 't' -> JsonValue.TRUE;
            case 'f' -> JsonValue.FALSE;
            case 'n' -> JsonValue.NULL;
            default -> LiteralNumber.of(new String(entry, from, entry.length - from, StandardCharsets.ISO_8859_1));
        };
    }

    /** The key bytes {@code [from, to)} that are not all ASCII, as {@link #keyBytes(String)} wrote them. */
    private static String decode(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                s.append((char) c);
                i++;
            } else if (c < 0xE0) {
                s.append((char) ((c & 0x1F) << 6 | b[i + 1] & 0x3F));
                i += 2;
            } else if (c < 0xF0) {
                s.append((char) ((c & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | b[i + 2] & 0x3F));
                i += 3;
            } else {
                s.appendCodePoint((c & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | b[i + 3] & 0x3F);
                i += 4;
            }
        }
        return s.toString();
    }
}
