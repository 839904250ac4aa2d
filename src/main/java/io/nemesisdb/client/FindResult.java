package io.nemesisdb.client;

import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * The answer to a {@code KV_FIND}, as its {@link Rsp} asked: {@link #keys()} for {@code KEYS} and
 * {@code KV}, {@link #paths()} for {@code PATHS}, {@link #values()} for {@code KV}.
 */
public record FindResult(Rsp rsp, JsonObject reply) {

    /** The matching keys (with {@code KEYS} or {@code KV}). */
    public List<String> keys() {
        return switch (rsp) {
            case KEYS -> strings(reply.getJsonArray("keys"));
            case KV -> List.copyOf(reply.getJsonObject("keys").keySet());
            case PATHS -> throw new IllegalStateException("a find with Rsp.PATHS returns paths(), not keys()");
        };
    }

    /** The normalized paths of the selected nodes (with {@code PATHS}). */
    public List<String> paths() {
        if (rsp != Rsp.PATHS) {
            throw new IllegalStateException("paths() needs a find with Rsp.PATHS, not " + rsp);
        }
        return strings(reply.getJsonArray("paths"));
    }

    /** The matching keys and their whole values (with {@code KV}). */
    public JsonObject values() {
        if (rsp != Rsp.KV) {
            throw new IllegalStateException("values() needs a find with Rsp.KV, not " + rsp);
        }
        return reply.getJsonObject("keys");
    }

    static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
