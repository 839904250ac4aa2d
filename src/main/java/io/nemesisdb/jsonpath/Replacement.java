package io.nemesisdb.jsonpath;

import jakarta.json.JsonValue;

/** The outcome of {@link JsonPath#replaceAll}: the new root and how many locations were replaced. */
public record Replacement(JsonValue root, int count) {
}
