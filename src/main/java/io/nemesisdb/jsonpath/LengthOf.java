package io.nemesisdb.jsonpath;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Lengths as RFC 9535's {@code length()} and 0.6.4's {@code .length} define them. */
final class LengthOf {

    private LengthOf() {
    }

    /** {@code length()}: characters of a string (Unicode scalar values), elements, members; else Nothing (null). */
    static JsonValue function(JsonValue value) {
        if (value instanceof JsonObject object) {
            return CachedJson.PROVIDER.createValue(object.size());
        }
        return compatibleLength(value);
    }

    /** 0.6.4's {@code .length}: only arrays and strings have one; objects use their member named {@code length}. */
    static JsonValue compatibleLength(JsonValue value) {
        if (value instanceof JsonArray array) {
            return CachedJson.PROVIDER.createValue(array.size());
        }
        if (value instanceof JsonString string) {
            String chars = string.getString();
            return CachedJson.PROVIDER.createValue(chars.codePointCount(0, chars.length()));
        }
        return null;
    }
}
