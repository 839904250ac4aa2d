package io.nemesisdb.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The key names a request lists in an array parameter. */
final class KeyNames {

    private KeyNames() {
    }

    /** The string items of {@code array}; other items are ignored, as the protocol says. */
    static List<String> of(JsonArray array) {
        List<String> strings = new ArrayList<>(array.size());
        for (JsonValue item : array) {
            if (item instanceof JsonString string) {
                strings.add(string.getString());
            }
        }
        return strings;
    }

    /** The string items of {@code array}, each once, in the order of their first appearance. */
    static List<String> distinct(JsonArray array) {
        List<String> keys = of(array);
        if (keys.size() < 2) {
            return keys;
        }
        Set<String> seen = new HashSet<>();
        List<String> unique = new ArrayList<>(keys.size());
        for (String key : keys) {
            if (seen.add(key)) {
                unique.add(key);
            }
        }
        return unique;
    }
}
