package io.nemesisdb.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A JSON string held as its JSON text: the UTF-8 bytes between the quotes, escaped as
 * {@link JsonText} writes them. Two objects per string where a parsed string needs three (the
 * JSON-P value, a {@code String} and its bytes), 24 bytes fewer per stored string, and writing it
 * into a reply or a data file is a copy. The {@code String} is decoded on each
 * {@link #getString()}: stored values are written far more often than they are inspected.
 */
public final class Utf8String implements JsonString {

    private final byte[] text;

    private Utf8String(byte[] text) {
        this.text = text;
    }

    public static Utf8String of(String s) {
        int n = s.length();
        byte[] plain = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                JsonText escaped = new JsonText(n + 8).string(s);
                return new Utf8String(Arrays.copyOfRange(escaped.bytes(), 1, escaped.length() - 1));
            }
            plain[i] = (byte) c;
        }
        return new Utf8String(plain);
    }

    /**
     * The string whose JSON text, between the quotes, is {@code bytes[from, to)}, escaped as
     * {@link JsonText} writes it (a stored value's text, or plain ASCII without {@code "} or
     * {@code \\}); copies it.
     */
    public static Utf8String ofText(byte[] bytes, int from, int to) {
        return new Utf8String(Arrays.copyOfRange(bytes, from, to));
    }

    /** The escaped UTF-8 text between the quotes; not to be modified. */
    byte[] text() {
        return text;
    }

    @Override
    public String getString() {
        int escape = indexOfBackslash(0);
        if (escape < 0) {
            return new String(text, StandardCharsets.UTF_8);
        }
        StringBuilder s = new StringBuilder(text.length);
        int from = 0;
        while (escape >= 0) {
            s.append(new String(text, from, escape - from, StandardCharsets.UTF_8));
            byte kind = text[escape + 1];
            from = escape + 2;
            switch (kind) {
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'u' -> {
                    s.append((char) Integer.parseInt(new String(text, from, 4, StandardCharsets.US_ASCII), 16));
                    from += 4;
                }
                default -> s.append((char) kind); // '"', '\\'
            }
            escape = indexOfBackslash(from);
        }
        return s.append(new String(text, from, text.length - from, StandardCharsets.UTF_8)).toString();
    }

    private int indexOfBackslash(int from) {
        for (int i = from; i < text.length; i++) {
            if (text[i] == '\\') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public CharSequence getChars() {
        return getString();
    }

    @Override
    public ValueType getValueType() {
        return ValueType.STRING;
    }

    /** Equal to any JSON-P string of the same characters, as {@link JsonString} requires. */
    @Override
    public boolean equals(Object other) {
        if (other instanceof Utf8String utf8) {
            return Arrays.equals(text, utf8.text);
        }
        return other instanceof JsonString string && getString().equals(string.getString());
    }

    @Override
    public int hashCode() {
        return getString().hashCode();
    }

    /** The quoted JSON text. */
    @Override
    public String toString() {
        return '"' + new String(text, StandardCharsets.UTF_8) + '"';
    }
}
