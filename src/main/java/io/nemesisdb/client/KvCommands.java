package io.nemesisdb.client;

import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

/**
 * The key-value commands, synchronous: each waits for its reply (at most the options' timeout) and
 * throws a {@link NemesisStatusException} for an error status, a {@link NemesisConnectionException}
 * when the connection failed. See {@link KvAsyncCommands} for what each command does.
 */
public interface KvCommands {

    void set(Map<String, ?> keys);

    void set(String key, Object value);

    void setQ(Map<String, ?> keys);

    void add(Map<String, ?> keys);

    void addQ(Map<String, ?> keys);

    JsonObject get(String... keys);

    <T> T get(String key, Class<T> type);

    void remove(String... keys);

    long clear();

    long count();

    List<String> contains(String... keys);

    List<String> keys();

    long clearSet(Map<String, ?> keys);

    void arrAppend(String key, List<?> items);

    void arrAppend(String key, String member, List<?> items);

    long update(String key, String pointer, Object value);

    long update(String key, Map<String, ?> pointerValues);

    long updatePath(String key, String jsonPath, Object value);

    FindResult find(String jsonPath, Rsp rsp, String... keys);
}
