package io.nemesisdb.jsonpath;

import jakarta.json.JsonValue;

/** One entry of a query's nodelist: a selected value and where it was found. */
public record Node(JsonValue value, Location location) {
}
