package io.nemesisdb.client;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * Turns the caller's values into JSON values and back: JSON-P values as they are, strings, numbers,
 * booleans and null directly, anything else through JSON-B (made on first use unless the options
 * gave one).
 */
final class ValueMapper implements AutoCloseable {

    private final Jsonb given;
    private Jsonb made;

    ValueMapper(Jsonb given) {
        this.given = given;
    }

    JsonValue toJson(Object value) {
        return switch (value) {
            case null -> JsonValue.NULL;
            case JsonValue json -> json;
            case String text -> Link.JSON.createValue(text);
            case Boolean bool -> bool ? JsonValue.TRUE : JsonValue.FALSE;
            case Integer number -> Link.JSON.createValue(number);
            case Long number -> Link.JSON.createValue(number);
            case BigInteger number -> Link.JSON.createValue(number);
            case BigDecimal number -> Link.JSON.createValue(number);
            default -> Link.JSON.createReader(new StringReader(jsonb().toJson(value))).readValue();
        };
    }

    JsonObject toJsonObject(Map<String, ?> keys) {
        if (keys instanceof JsonObject object) {
            return object;
        }
        JsonObjectBuilder builder = Link.JSON.createObjectBuilder();
        keys.forEach((name, value) -> builder.add(name, toJson(value)));
        return builder.build();
    }

    <T> T fromJson(JsonValue value, Class<T> type) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        return jsonb().fromJson(value.toString(), type);
    }

    private synchronized Jsonb jsonb() {
        if (given != null) {
            return given;
        }
        if (made == null) {
            made = JsonbBuilder.create();
        }
        return made;
    }

    @Override
    public synchronized void close() throws Exception {
        if (made != null) {
            made.close();
        }
    }
}
