package io.nemesisdb.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.nemesisdb.protocol.Status;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The key-value commands as requests: each builds its request, sends it through the client and turns
 * the reply into its result. With a token (a session's view), every request carries it as
 * {@code tkn}.
 */
class AsyncKv implements KvAsyncCommands {

    private static final JsonObject NO_REPLY = JsonValue.EMPTY_JSON_OBJECT;

    final NemesisClient client;
    final SessionToken token;

    AsyncKv(NemesisClient client, SessionToken token) {
        this.client = client;
        this.token = token;
    }

    /** A request's parameters, starting with the token in a session's view. */
    final JsonObjectBuilder params() {
        JsonObjectBuilder params = Link.JSON.createObjectBuilder();
        if (token != null) {
            params.add("tkn", token.toJson());
        }
        return params;
    }

    /**
     * Sends {@code command} with {@code params}; completes with the body of its (last) reply when
     * its status is {@code ok}, with an empty object for a quiet command that succeeded, and fails
     * with a {@link NemesisStatusException} for any other status.
     */
    final CompletableFuture<JsonObject> call(String command, JsonObjectBuilder params, Status ok) {
        JsonObject body = params.build();
        String text = "{\"" + command + "\":" + body + "}"; // command names need no escaping
        ReplyMatcher.Kind kind = ReplyMatcher.isQuiet(command) ? ReplyMatcher.Kind.QUIET
                : ReplyMatcher.isSave(command) ? ReplyMatcher.Kind.SAVE : ReplyMatcher.Kind.ONE;
        String saveName = kind == ReplyMatcher.Kind.SAVE ? body.getString("name", null) : null;
        ReplyMatcher.Pending request = new ReplyMatcher.Pending(command, token == null ? null : token.toString(), saveName, kind);
        return client.submit(text, request).thenApply(replies -> {
            if (replies.isEmpty()) {
                return NO_REPLY;
            }
            JsonObject last = replies.getLast();
            JsonObject reply = last.containsKey("ERR") ? last.getJsonObject("ERR") : last.getJsonObject(command + "_RSP");
            if (reply.getInt("st", -1) != ok.code()) {
                throw NemesisStatusException.of(command, reply, null);
            }
            return reply;
        });
    }

    final CompletableFuture<JsonObject> call(String command, JsonObjectBuilder params) {
        return call(command, params, Status.OK);
    }

    static long number(JsonObject reply, String name) {
        return reply.getJsonNumber(name).longValueExact();
    }

    static JsonArrayBuilder strings(String... items) {
        JsonArrayBuilder array = Link.JSON.createArrayBuilder();
        for (String item : items) {
            array.add(item);
        }
        return array;
    }

    private JsonArrayBuilder values(List<?> items) {
        JsonArrayBuilder array = Link.JSON.createArrayBuilder();
        items.forEach(item -> array.add(client.values().toJson(item)));
        return array;
    }

    private JsonObject object(Map<String, ?> keys) {
        return client.values().toJsonObject(keys);
    }

    @Override
    public CompletionStage<Void> set(Map<String, ?> keys) {
        return call("KV_SET", params().add("keys", object(keys))).thenAccept(reply -> { });
    }

    @Override
    public CompletionStage<Void> set(String key, Object value) {
        return set(Map.of(key, client.values().toJson(value)));
    }

    @Override
    public CompletionStage<Void> setQ(Map<String, ?> keys) {
        return call("KV_SETQ", params().add("keys", object(keys))).thenAccept(reply -> { });
    }

    @Override
    public CompletionStage<Void> add(Map<String, ?> keys) {
        return call("KV_ADD", params().add("keys", object(keys))).thenAccept(reply -> { });
    }

    @Override
    public CompletionStage<Void> addQ(Map<String, ?> keys) {
        return call("KV_ADDQ", params().add("keys", object(keys))).thenAccept(reply -> { });
    }

    @Override
    public CompletionStage<JsonObject> get(String... keys) {
        return call("KV_GET", params().add("keys", strings(keys))).thenApply(reply -> reply.getJsonObject("keys"));
    }

    @Override
    public <T> CompletionStage<T> get(String key, Class<T> type) {
        return get(new String[] {key}).thenApply(found -> {
            JsonValue value = found.get(key);
            return value == null ? null : client.values().fromJson(value, type);
        });
    }

    @Override
    public CompletionStage<Void> remove(String... keys) {
        return call("KV_RMV", params().add("keys", strings(keys))).thenAccept(reply -> { });
    }

    @Override
    public CompletionStage<Long> clear() {
        return call("KV_CLEAR", params()).thenApply(reply -> number(reply, "cnt"));
    }

    @Override
    public CompletionStage<Long> count() {
        return call("KV_COUNT", params()).thenApply(reply -> number(reply, "cnt"));
    }

    @Override
    public CompletionStage<List<String>> contains(String... keys) {
        return call("KV_CONTAINS", params().add("keys", strings(keys))).thenApply(reply -> FindResult.strings(reply.getJsonArray("contains")));
    }

    @Override
    public CompletionStage<List<String>> keys() {
        return call("KV_KEYS", params()).thenApply(reply -> FindResult.strings(reply.getJsonArray("keys")));
    }

    @Override
    public CompletionStage<Long> clearSet(Map<String, ?> keys) {
        return call("KV_CLEAR_SET", params().add("keys", object(keys))).thenApply(reply -> number(reply, "cnt"));
    }

    @Override
    public CompletionStage<Void> arrAppend(String key, List<?> items) {
        return call("KV_ARR_APPEND", params().add("key", key).add("items", values(items))).thenAccept(reply -> { });
    }

    @Override
    public CompletionStage<Void> arrAppend(String key, String member, List<?> items) {
        return call("KV_ARR_APPEND", params().add("key", key).add("name", member).add("items", values(items))).thenAccept(reply -> { });
    }

    @Override
    public CompletionStage<Long> update(String key, String pointer, Object value) {
        return update(key, Map.of(pointer, client.values().toJson(value)));
    }

    @Override
    public CompletionStage<Long> update(String key, Map<String, ?> pointerValues) {
        JsonObjectBuilder params = params().add("key", key);
        pointerValues.forEach((pointer, value) -> {
            if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                throw new IllegalArgumentException("a JSON Pointer is empty or starts with '/': '" + pointer + "'");
            }
            params.add(pointer, client.values().toJson(value));
        });
        return call("KV_UPDATE", params).thenApply(reply -> number(reply, "cnt"));
    }

    @Override
    public CompletionStage<Long> updatePath(String key, String jsonPath, Object value) {
        return call("KV_UPDATE", params().add("key", key).add("path", jsonPath).add("value", client.values().toJson(value)))
                .thenApply(reply -> number(reply, "cnt"));
    }

    @Override
    public CompletionStage<FindResult> find(String jsonPath, Rsp rsp, String... keys) {
        JsonObjectBuilder params = params().add("path", jsonPath).add("rsp", rsp.wire());
        if (keys.length > 0) {
            params.add("keys", strings(keys));
        }
        return call("KV_FIND", params).thenApply(reply -> new FindResult(rsp, reply));
    }
}
