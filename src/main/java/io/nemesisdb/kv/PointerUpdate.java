package io.nemesisdb.kv;

import io.nemesisdb.protocol.Status;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonPointer;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * One member of KV_UPDATE's JSON Pointer form: an RFC 6901 pointer and the value that replaces
 * what it selects. Resolution is JSON-P's {@link JsonPointer}; this class adds only what RFC 6901
 * requires and Parsson does not check: '~' must be followed by '0' or '1', and an array index
 * has no leading zeros.
 */
public record PointerUpdate(String pointer, JsonPointer compiled, JsonValue value) {

    // Json.createX looks the provider up through the service loader on every call
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The update, or null when {@code pointer} is not a syntactically valid JSON Pointer. */
    public static PointerUpdate parse(String pointer, JsonValue value) {
        if (!hasValidEscapes(pointer)) {
            return null;
        }
        try {
            return new PointerUpdate(pointer, JSON.createPointer(pointer), value);
        } catch (JsonException e) {
            return null;
        }
    }

    /** True when a member named {@code name} is a pointer rather than a parameter. */
    public static boolean isPointer(String name) {
        return name.isEmpty() || name.charAt(0) == '/';
    }

    /** {@code target} with the location replaced, or null when the pointer selects no existing location. */
    public JsonValue applyTo(JsonValue target) {
        if (pointer.isEmpty()) {
            return value;
        }
        if (!(target instanceof JsonStructure structure) || indexesArrayWithLeadingZero(structure)) {
            return null;
        }
        try {
            return compiled.replace(structure, value);
        } catch (JsonException e) {
            return null;
        }
    }

    /** The reply when {@link #applyTo} found nothing. */
    public KeyRewrite.Edit notFound() {
        return new KeyRewrite.Edit.Reject(Status.PATH_NOT_EXIST, "pointer '" + pointer + "' selects no existing location");
    }

    private static boolean hasValidEscapes(String pointer) {
        for (int i = pointer.indexOf('~'); i >= 0; i = pointer.indexOf('~', i + 1)) {
            if (i + 1 >= pointer.length() || (pointer.charAt(i + 1) != '0' && pointer.charAt(i + 1) != '1')) {
                return false;
            }
        }
        return true;
    }

    // Parsson reads "/01" as index 1; RFC 6901 allows "0" or a number without leading zeros only.
    // Rare, so only tokens that look like "0<digits>" cost a lookup of their container.
    private boolean indexesArrayWithLeadingZero(JsonStructure root) {
        for (int slash = pointer.indexOf('/'); slash >= 0; slash = pointer.indexOf('/', slash + 1)) {
            int end = pointer.indexOf('/', slash + 1);
            String token = pointer.substring(slash + 1, end < 0 ? pointer.length() : end);
            if (token.length() > 1 && token.charAt(0) == '0' && token.chars().allMatch(Character::isDigit)) {
                JsonPointer container = JSON.createPointer(pointer.substring(0, slash));
                if (container.containsValue(root) && container.getValue(root) instanceof JsonArray) {
                    return true;
                }
            }
        }
        return false;
    }
}
