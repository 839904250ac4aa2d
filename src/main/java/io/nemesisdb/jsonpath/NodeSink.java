package io.nemesisdb.jsonpath;

import jakarta.json.JsonValue;

/** Receives selected nodes in nodelist order; returning false stops the evaluation early. */
@FunctionalInterface
interface NodeSink {

    boolean accept(JsonValue value, Location location);
}
