package io.nemesisdb.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.json.JsonObject;

/** The key-value commands, each waiting for its asynchronous counterpart's result. */
class SyncKv implements KvCommands {

    private final KvAsyncCommands async;
    private final Duration timeout;

    SyncKv(KvAsyncCommands async, Duration timeout) {
        this.async = async;
        this.timeout = timeout;
    }

    /** The result of {@code stage}, or its failure thrown as it is (a {@link NemesisException} or a runtime exception). */
    final <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new NemesisConnectionException("the request failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new NemesisConnectionException("no reply within " + timeout + " (the options' timeout)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NemesisConnectionException("interrupted while waiting for a reply", e);
        }
    }

    @Override
    public void set(Map<String, ?> keys) {
        await(async.set(keys));
    }

    @Override
    public void set(String key, Object value) {
        await(async.set(key, value));
    }

    @Override
    public void setQ(Map<String, ?> keys) {
        await(async.setQ(keys));
    }

    @Override
    public void add(Map<String, ?> keys) {
        await(async.add(keys));
    }

    @Override
    public void addQ(Map<String, ?> keys) {
        await(async.addQ(keys));
    }

    @Override
    public JsonObject get(String... keys) {
        return await(async.get(keys));
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        return await(async.get(key, type));
    }

    @Override
    public void remove(String... keys) {
        await(async.remove(keys));
    }

    @Override
    public long clear() {
        return await(async.clear());
    }

    @Override
    public long count() {
        return await(async.count());
    }

    @Override
    public List<String> contains(String... keys) {
        return await(async.contains(keys));
    }

    @Override
    public List<String> keys() {
        return await(async.keys());
    }

    @Override
    public long clearSet(Map<String, ?> keys) {
        return await(async.clearSet(keys));
    }

    @Override
    public void arrAppend(String key, List<?> items) {
        await(async.arrAppend(key, items));
    }

    @Override
    public void arrAppend(String key, String member, List<?> items) {
        await(async.arrAppend(key, member, items));
    }

    @Override
    public long update(String key, String pointer, Object value) {
        return await(async.update(key, pointer, value));
    }

    @Override
    public long update(String key, Map<String, ?> pointerValues) {
        return await(async.update(key, pointerValues));
    }

    @Override
    public long updatePath(String key, String jsonPath, Object value) {
        return await(async.updatePath(key, jsonPath, value));
    }

    @Override
    public FindResult find(String jsonPath, Rsp rsp, String... keys) {
        return await(async.find(jsonPath, rsp, keys));
    }
}
