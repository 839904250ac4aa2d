package io.nemesisdb.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** Reads replies and compares them with expected JSON, ignoring the human-readable {@code "m"}. */
public final class Replies {

    private Replies() {
    }

    public static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** The inner object of a reply {@code {"NAME":{...}}}, after checking its name. */
    public static JsonObject body(String reply, String name) {
        JsonObject object = parse(reply);
        assertEquals(1, object.size(), () -> "one member expected in " + reply);
        JsonObject body = object.getJsonObject(name);
        if (body == null) {
            throw new AssertionError("expected reply " + name + ", got " + reply);
        }
        return body;
    }

    /** The status of a reply named {@code name}. */
    public static int status(String reply, String name) {
        return body(reply, name).getInt("st");
    }

    /** Asserts that {@code reply} equals {@code expected} once {@code "m"} is removed from both bodies. */
    public static void assertReply(String expected, String reply) {
        assertEquals(withoutMessage(parse(expected)), withoutMessage(parse(reply)), () -> "reply was " + reply);
    }

    private static JsonObject withoutMessage(JsonObject reply) {
        var outer = Json.createObjectBuilder();
        reply.forEach((name, body) -> outer.add(name,
                body instanceof JsonObject object ? Json.createObjectBuilder(object).remove("m").build() : body));
        return outer.build();
    }
}
