package io.nemesisdb.jsonpath;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Equality and ordering of JSON values as RFC 9535 compares them: numbers by value (1 == 1.0),
 * strings by Unicode scalar values, structures member by member. Equality walks with an explicit
 * stack so that comparing deeply nested values cannot overflow the thread's stack.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** Equality where null is Nothing: Nothing equals only Nothing. */
    static boolean equal(JsonValue left, JsonValue right) {
        if (left == null || right == null) {
            return left == right;
        }
        Deque<JsonValue> pending = new ArrayDeque<>();
        pending.push(left);
        pending.push(right);
        while (!pending.isEmpty()) {
            JsonValue b = pending.pop();
            JsonValue a = pending.pop();
            if (a == b) {
                continue;
            }
            if (!sameKind(a, b)) {
                return false;
            }
            switch (a) {
                case JsonNumber number -> {
                    if (number.bigDecimalValue().compareTo(((JsonNumber) b).bigDecimalValue()) != 0) {
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
            return a.bigDecimalValue().compareTo(b.bigDecimalValue()) < 0;
        }
        if (left instanceof JsonString a && right instanceof JsonString b) {
            return compareCodePoints(a.getString(), b.getString()) < 0;
        }
        return false;
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
