package io.nemesisdb.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One key space: keys mapped to immutable JSON values.
 *
 * <p>Every command is atomic and isolated. Writers hold an exclusive lock, so a write of several
 * keys is seen whole or not at all. Readers of several keys read optimistically and retry under a
 * shared lock only when a write overlapped, so reads never wait for each other; a read of one key
 * needs no lock at all. Values are immutable, so readers share them without copies.
 */
public final class KeySpace {

    private final ConcurrentHashMap<String, JsonValue> map = new ConcurrentHashMap<>();
    private final StampedLock lock = new StampedLock();

    /** The value of {@code key}, or {@code null}. */
    public JsonValue get(String key) {
        return map.get(key);
    }

    /** Stores every member of {@code keys}, overwriting. */
    public void setAll(JsonObject keys) {
        long stamp = lock.writeLock();
        try {
            map.putAll(keys);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Stores the members of {@code keys} whose names are not stored yet. */
    public void addAbsent(JsonObject keys) {
        long stamp = lock.writeLock();
        try {
            for (Map.Entry<String, JsonValue> member : keys.entrySet()) {
                map.putIfAbsent(member.getKey(), member.getValue());
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes the given keys; absent ones are ignored. */
    public void removeAll(List<String> keys) {
        long stamp = lock.writeLock();
        try {
            for (String key : keys) {
                map.remove(key);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes every key and returns how many there were. */
    public int clear() {
        long stamp = lock.writeLock();
        try {
            int count = map.size();
            map.clear();
            return count;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Replaces the whole content by {@code keys} in one step; returns how many keys were removed. */
    public int replaceAll(JsonObject keys) {
        long stamp = lock.writeLock();
        try {
            int count = map.size();
            map.clear();
            map.putAll(keys);
            return count;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** The number of keys. */
    public int count() {
        long stamp = lock.tryOptimisticRead();
        int count = map.size();
        if (lock.validate(stamp)) {
            return count;
        }
        stamp = lock.readLock();
        try {
            return map.size();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * The values of {@code keys} as one consistent snapshot, index for index ({@code null} where
     * absent).
     */
    public JsonValue[] getAll(List<String> keys) {
        JsonValue[] values = new JsonValue[keys.size()];
        if (values.length == 1) {
            values[0] = map.get(keys.get(0));
            return values;
        }
        long stamp = lock.tryOptimisticRead();
        fill(keys, values);
        if (lock.validate(stamp)) {
            return values;
        }
        stamp = lock.readLock();
        try {
            fill(keys, values);
            return values;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** All key names, as one consistent snapshot. */
    public List<String> keys() {
        return read(m -> new ArrayList<>(m.keySet()));
    }

    /**
     * Runs {@code reader} on a consistent view of the content; other readers proceed in parallel,
     * writers wait. The reader must not keep or modify the map.
     */
    public <R> R read(Function<Map<String, JsonValue>, R> reader) {
        long stamp = lock.readLock();
        try {
            return reader.apply(map);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Runs {@code writer} with exclusive access to the content, as one atomic step. */
    public <R> R write(Function<Map<String, JsonValue>, R> writer) {
        long stamp = lock.writeLock();
        try {
            return writer.apply(map);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void fill(List<String> keys, JsonValue[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = map.get(keys.get(i));
        }
    }
}
