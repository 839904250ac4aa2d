package io.nemesisdb.kv;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.BiConsumer;

import io.nemesisdb.json.Utf8String;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One key space: keys mapped to immutable JSON values.
 *
 * <p>Every command is atomic and isolated. Writers hold an exclusive lock, so a write of several
 * keys is seen whole or not at all. Readers of several keys read optimistically and retry under a
 * shared lock only when a write overlapped, so reads never wait for each other; a read of one key
 * needs no lock at all. Values are immutable, so readers share them without copies. String values
 * are stored as {@link Utf8String}s, the smaller form, whatever form they came in.
 *
 * <p>KV mode's key space, which every client writes at once, also writes single keys without the
 * lock while no one holds it ({@link LockFreeWrites}): one lock word taken by every write, on
 * two cores, cost a fifth of the server's time per {@code KV_SET}. Those writes stay isolated:
 * lock holders wait them out, and optimistic readers check them as they check the lock.
 *
 * <p>Keys are listed ({@link #keys()}, and every whole-content view: searches, saves) in NemesisDB
 * 0.6.4's order, kept by {@link KeyOrder} beside the map: only adding or removing a key touches it,
 * so reads and overwrites, the commands clients send most, cost what they did. Lock-free writes
 * that add or remove a key bring the order into line with the map under the order's monitor, so
 * that whoever holds the lock sees both agree.
 *
 * <p>A key space can be {@linkplain #close() closed} (a session ended): the close waits for the
 * commands running on it, and every operation that starts afterwards throws {@link Closed}
 * instead of touching the content. So a command either runs wholly before the close or fails.
 * KV mode never closes its key space; there the check costs one read of a field that never
 * changes.
 */
public final class KeySpace implements KeySpaceOperations {

    private enum OneKeyWrite { PUT, PUT_IF_ABSENT, REMOVE }

    private final ConcurrentHashMap<String, JsonValue> map;
    private final KeyOrder order = new KeyOrder();
    private final StampedLock lock = new StampedLock();
    /** Null where single-key writes take the lock like the others. */
    private final LockFreeWrites lockFree;
    private volatile boolean closed;

    /** A key space shared by many clients, such as KV mode's: single-key writes run without the lock. */
    public KeySpace() {
        map = new ConcurrentHashMap<>();
        lockFree = new LockFreeWrites();
    }

    /**
     * A key space sized for about {@code expectedKeys} keys, whose writes all take the lock; it
     * grows as needed. Sessions use a small size: with a million sessions, the default table's
     * unused slots alone cost 48 MB, and their locks are rarely contended.
     */
    public KeySpace(int expectedKeys) {
        map = new ConcurrentHashMap<>(expectedKeys);
        lockFree = null;
    }

    /**
     * Closes the key space once the operations running on it have finished; later operations
     * throw {@link Closed}. Closing twice is harmless.
     */
    public void close() {
        long stamp = writeLock();
        try {
            closed = true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** The value of {@code key}, or {@code null}. */
    public JsonValue get(String key) {
        JsonValue value = map.get(key);
        ensureOpen();
        return value;
    }

    /** Stores every member of {@code keys}, overwriting. */
    public void setAll(JsonObject keys) {
        if (lockFree != null && keys.size() == 1 && writeWithoutLock(OneKeyWrite.PUT, keys)) {
            return;
        }
        long stamp = writeLock();
        try {
            ensureOpen();
            putAll(keys);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Stores the members of {@code keys} whose names are not stored yet. */
    public void addAbsent(JsonObject keys) {
        if (lockFree != null && keys.size() == 1 && writeWithoutLock(OneKeyWrite.PUT_IF_ABSENT, keys)) {
            return;
        }
        long stamp = writeLock();
        try {
            ensureOpen();
            for (Map.Entry<String, JsonValue> member : keys.entrySet()) {
                if (map.putIfAbsent(member.getKey(), Utf8String.dense(member.getValue())) == null) {
                    order.add(member.getKey());
                }
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes the given keys; absent ones are ignored. */
    public void removeAll(List<String> keys) {
        if (lockFree != null && keys.size() == 1 && writeWithoutLock(OneKeyWrite.REMOVE, keys.get(0), null)) {
            return;
        }
        long stamp = writeLock();
        try {
            ensureOpen();
            for (String key : keys) {
                if (map.remove(key) != null) {
                    order.remove(key);
                }
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes every key and returns how many there were. */
    public int clear() {
        long stamp = writeLock();
        try {
            ensureOpen();
            int count = map.size();
            map.clear();
            order.clear();
            return count;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Replaces the whole content by {@code keys} in one step; returns how many keys were removed. */
    public int replaceAll(JsonObject keys) {
        long stamp = writeLock();
        try {
            ensureOpen();
            int count = map.size();
            map.clear();
            order.clear();
            putAll(keys);
            return count;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** The number of keys. */
    public int count() {
        long stamp = lock.tryOptimisticRead();
        long writes = lockFreeStamp();
        int count = map.size();
        if (validate(stamp, writes)) {
            return count;
        }
        stamp = readLock();
        try {
            ensureOpen();
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
            values[0] = get(keys.get(0));
            return values;
        }
        long stamp = lock.tryOptimisticRead();
        long writes = lockFreeStamp();
        fill(keys, values);
        if (validate(stamp, writes)) {
            return values;
        }
        stamp = readLock();
        try {
            ensureOpen();
            fill(keys, values);
            return values;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** All key names in 0.6.4's order, as one consistent snapshot. */
    public List<String> keys() {
        long stamp = readLock();
        try {
            ensureOpen();
            return Arrays.asList(order.toArray());
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Runs {@code reader} on a consistent view of the content, which iterates in 0.6.4's order;
     * other readers proceed in parallel, writers wait. The reader must not keep or modify the map.
     */
    public <R> R read(Reader<R> reader) {
        long stamp = readLock();
        try {
            ensureOpen();
            return reader.apply(new Content());
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Runs {@code writer} with exclusive access to the content (in 0.6.4's order), as one atomic step. */
    public <R> R write(Writer<R> writer) {
        long stamp = writeLock();
        try {
            ensureOpen();
            return writer.apply(new Content());
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** {@link #writeWithoutLock(OneKeyWrite, String, JsonValue)} for the one member of {@code keys}. */
    private boolean writeWithoutLock(OneKeyWrite write, JsonObject keys) {
        Map.Entry<String, JsonValue> member = keys.entrySet().iterator().next();
        return writeWithoutLock(write, member.getKey(), Utf8String.dense(member.getValue()));
    }

    /**
     * Writes one key without the lock unless someone holds it; false when someone does and the
     * write must take the lock. The write counts as begun before the lock is checked: see
     * {@link LockFreeWrites}.
     */
    private boolean writeWithoutLock(OneKeyWrite write, String key, JsonValue value) {
        int cell = lockFree.begin();
        try {
            if (lock.isWriteLocked() || lock.isReadLocked()) {
                return false;
            }
            ensureOpen();
            // an overwrite, the common case, leaves the order alone: only a key added or removed touches it
            boolean addedOrRemoved = switch (write) {
                case PUT -> map.put(key, value) == null;
                case PUT_IF_ABSENT -> map.putIfAbsent(key, value) == null;
                case REMOVE -> map.remove(key) != null;
            };
            if (addedOrRemoved) {
                reorder(key);
            }
            return true;
        } finally {
            lockFree.end(cell);
        }
    }

    /**
     * After a lock-free write added or removed {@code key}: lists it when the map holds it and
     * unlists it when not. Another lock-free write of the same key may have run between the map's
     * change and this, so the order follows what the map holds now, not what this write did; the
     * last of them to get here sets the order right for good.
     */
    private void reorder(String key) {
        synchronized (order) {
            if (map.containsKey(key)) {
                order.add(key);
            } else {
                order.remove(key);
            }
        }
    }

    /** Stores every member of {@code keys}, listing the new ones last; under the lock only. */
    private void putAll(JsonObject keys) {
        for (Map.Entry<String, JsonValue> member : keys.entrySet()) {
            if (map.put(member.getKey(), Utf8String.dense(member.getValue())) == null) {
                order.add(member.getKey());
            }
        }
    }

    /** The exclusive lock, once no lock-free write is running. */
    private long writeLock() {
        long stamp = lock.writeLock();
        if (lockFree != null) {
            lockFree.awaitIdle();
        }
        return stamp;
    }

    /** The shared lock, once no lock-free write is running. */
    private long readLock() {
        long stamp = lock.readLock();
        if (lockFree != null) {
            lockFree.awaitIdle();
        }
        return stamp;
    }

    private long lockFreeStamp() {
        return lockFree != null ? lockFree.stamp() : 0;
    }

    /** After an optimistic read: true when no write of any kind overlapped it and the key space is open. */
    private boolean validate(long stamp, long lockFreeStamp) {
        return !closed && lock.validate(stamp) && (lockFree == null || lockFree.validate(lockFreeStamp));
    }

    /** Throws {@link Closed} when the key space is closed; called with the lock held where there is one. */
    private void ensureOpen() {
        if (closed) {
            throw Closed.INSTANCE;
        }
    }

    private void fill(List<String> keys, JsonValue[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = map.get(keys.get(i));
        }
    }

    /**
     * The map with its order, as the lock's holders see it: additions and removals keep the order,
     * iteration follows it. Used only under the lock, where no lock-free write runs.
     */
    private final class Content extends AbstractMap<String, JsonValue> {

        @Override
        public JsonValue get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public JsonValue put(String key, JsonValue value) {
            JsonValue previous = map.put(key, Utf8String.dense(value));
            if (previous == null) {
                order.add(key);
            }
            return previous;
        }

        @Override
        public JsonValue remove(Object key) {
            JsonValue previous = map.remove(key);
            if (previous != null) {
                order.remove((String) key);
            }
            return previous;
        }

        @Override
        public void clear() {
            map.clear();
            order.clear();
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super JsonValue> action) {
            for (int i = 0; i < order.size(); i++) {
                String key = order.get(i);
                action.accept(key, map.get(key));
            }
        }

        @Override
        public Set<Entry<String, JsonValue>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return order.size();
                }

                @Override
                public Iterator<Entry<String, JsonValue>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < order.size();
                        }

                        @Override
                        public Entry<String, JsonValue> next() {
                            if (next >= order.size()) {
                                throw new NoSuchElementException();
                            }
                            String key = order.get(next++);
                            return new SimpleImmutableEntry<>(key, map.get(key));
                        }
                    };
                }
            };
        }
    }
}
