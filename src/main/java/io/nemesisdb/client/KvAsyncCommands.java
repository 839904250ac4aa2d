package io.nemesisdb.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.json.JsonObject;

/**
 * The key-value commands, asynchronous: each method sends its request at once and returns a stage
 * that completes with the reply, or fails with a {@link NemesisStatusException} (the server's
 * status) or a {@link NemesisConnectionException}. Stages complete on the connection's thread: do not
 * block in their callbacks. Values are JSON-P values, or objects of the caller's classes mapped with
 * JSON-B ({@code String}, numbers, booleans and null map to their JSON forms directly).
 * On a {@link NemesisAsyncSession} they work in that session; on the client, in KV mode's key space.
 */
public interface KvAsyncCommands {

    /** {@code KV_SET}: stores the keys (at least one), inserting or overwriting. */
    CompletionStage<Void> set(Map<String, ?> keys);

    /** {@code KV_SET} of one key. */
    CompletionStage<Void> set(String key, Object value);

    /**
     * {@code KV_SETQ}: as {@link #set(Map)}, but the server replies only on failure; the stage
     * completes once a later reply shows that it succeeded (the client sends a cheap request after
     * it when nothing else follows).
     */
    CompletionStage<Void> setQ(Map<String, ?> keys);

    /** {@code KV_ADD}: stores the keys that do not exist yet; the others keep their value. */
    CompletionStage<Void> add(Map<String, ?> keys);

    /** {@code KV_ADDQ}: as {@link #add(Map)} (at least one key), replying only on failure, as {@link #setQ(Map)}. */
    CompletionStage<Void> addQ(Map<String, ?> keys);

    /** {@code KV_GET}: the keys that exist, with their values. */
    CompletionStage<JsonObject> get(String... keys);

    /** {@code KV_GET} of one key, mapped to {@code type} with JSON-B; null when the key does not exist. */
    <T> CompletionStage<T> get(String key, Class<T> type);

    /** {@code KV_RMV}: removes the keys (at least one); keys that do not exist are ignored. */
    CompletionStage<Void> remove(String... keys);

    /** {@code KV_CLEAR}: removes every key; the number removed. */
    CompletionStage<Long> clear();

    /** {@code KV_COUNT}: the number of keys. */
    CompletionStage<Long> count();

    /** {@code KV_CONTAINS}: the given keys that exist, in the order given. */
    CompletionStage<List<String>> contains(String... keys);

    /** {@code KV_KEYS}: every key. */
    CompletionStage<List<String>> keys();

    /** {@code KV_CLEAR_SET}: removes every key, then stores these, as one step; the number removed. */
    CompletionStage<Long> clearSet(Map<String, ?> keys);

    /** {@code KV_ARR_APPEND}: appends the items to the array stored in {@code key}. */
    CompletionStage<Void> arrAppend(String key, List<?> items);

    /** {@code KV_ARR_APPEND} with {@code name}: appends the items to the array member {@code member} of the object in {@code key}. */
    CompletionStage<Void> arrAppend(String key, String member, List<?> items);

    /** {@code KV_UPDATE}, JSON Pointer form: replaces the value at {@code pointer} inside {@code key}'s value; the locations replaced. */
    CompletionStage<Long> update(String key, String pointer, Object value);

    /** {@code KV_UPDATE} with several pointers, applied in the map's order, all or none. */
    CompletionStage<Long> update(String key, Map<String, ?> pointerValues);

    /** {@code KV_UPDATE}, JSONPath form: replaces every node {@code jsonPath} selects; the locations replaced. */
    CompletionStage<Long> updatePath(String key, String jsonPath, Object value);

    /** {@code KV_FIND}: searches every key (or only {@code keys}) with a JSONPath query. */
    CompletionStage<FindResult> find(String jsonPath, Rsp rsp, String... keys);
}
