package io.nemesisdb.protocol;

import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Writes JSON text into a {@link StringBuilder}: strings with the escapes RFC 8259 requires, and
 * JSON-P values as compact JSON. Faster than a generic generator because it appends straight into
 * the reply being built.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code s} as a quoted JSON string that encodes to valid UTF-8. */
    public static void appendString(StringBuilder out, String s) {
        out.append('"');
        int len = s.length();
        int start = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            out.append(s, start, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                // control characters, and surrogates without their pair (sent as \\ud800 escapes), which
                // UTF-8 cannot carry: escaped, the text stays valid and the value exact
                default -> out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
            start = i + 1;
        }
        out.append(s, start, len).append('"');
    }

    /** Appends {@code value} as compact JSON. */
    public static void appendValue(StringBuilder out, JsonValue value) {
        switch (value.getValueType()) {
            case STRING -> appendString(out, ((JsonString) value).getString());
            case NUMBER -> appendNumber(out, (JsonNumber) value);
            case TRUE -> out.append("true");
            case FALSE -> out.append("false");
            case NULL -> out.append("null");
            case OBJECT -> appendObject(out, (JsonObject) value);
            case ARRAY -> appendArray(out, (JsonArray) value);
        }
    }

    /** Appends {@code value} as compact JSON text and returns it as a string. */
    public static String toJson(JsonValue value) {
        StringBuilder out = new StringBuilder();
        appendValue(out, value);
        return out.toString();
    }

    private static void appendNumber(StringBuilder out, JsonNumber number) {
        if (number instanceof LiteralNumber literal) {
            out.append(literal.text());
        } else {
            out.append(number.toString());
        }
    }

    private static void appendObject(StringBuilder out, JsonObject object) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, member.getKey());
            out.append(':');
            appendValue(out, member.getValue());
        }
        out.append('}');
    }

    private static void appendArray(StringBuilder out, JsonArray array) {
        out.append('[');
        int size = array.size();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            appendValue(out, array.get(i));
        }
        out.append(']');
    }
}
