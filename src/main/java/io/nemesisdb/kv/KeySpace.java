package io.nemesisdb.kv;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One key space: keys mapped to JSON values, held as one {@link DenseEntry} per key (for a
 * scalar value, the key's bytes and the value's JSON text in one array) in a
 * {@link DenseKeyTable}. A scalar is read from its text on each access, so it comes back byte for
 * byte as it was stored.
 *
 * <p>Every command is atomic and isolated. Writers hold an exclusive lock, so a write of several
 * keys is seen whole or not at all. Readers read optimistically and retry under a shared lock only
 * when a write overlapped, so reads never wait for each other, and a read of one key takes no lock
 * at all unless a write that adds or removes keys overlaps it.
 *
 * <p>KV mode's key space, which every client writes at once, also overwrites single keys without
 * the lock while no one holds it ({@link LockFreeWrites}): one lock word taken by every write, on
 * two cores, cost a fifth of the server's time per {@code KV_SET}. Such an overwrite swaps one
 * entry for another in its place, which a reader sees whole. A single-key write that adds or
 * removes a key changes the table's shape and takes the lock. Lock holders wait the lock-free
 * writes out, and optimistic readers of several keys check them as they check the lock.
 *
 * <p>Keys are listed ({@link #keys()}, and every whole-content view: searches, saves) in NemesisDB
 * 0.6.4's order, the table's own.
 *
 * <p>A key space can be {@linkplain #close() closed} (a session ended): the close waits for the
 * commands running on it, and every operation that starts afterwards throws {@link Closed}
 * instead of touching the content. So a command either runs wholly before the close or fails.
 * KV mode never closes its key space; there the check costs one read of a field that never
 * changes.
 *
 * <p>The table, its lock and the key space are one object ({@link LockedTable}), and a session
 * extends its key space: a million sessions each hold one, and every object header and reference
 * counts.
 */
public class KeySpace extends LockedTable implements KeySpaceOperations {

    private enum OneKeyWrite { PUT, PUT_IF_ABSENT, REMOVE }

    /** Null where single-key writes take the lock like the others. */
    private final LockFreeWrites lockFree;
    private volatile boolean closed;

    /** A key space shared by many clients, such as KV mode's: single-key overwrites run without the lock. */
    public KeySpace() {
        lockFree = new LockFreeWrites();
    }

    /**
     * A key space sized for about {@code expectedKeys} keys, whose writes all take the lock; it
     * grows as needed. Sessions use a small size: a million sessions each hold their own.
     */
    public KeySpace(int expectedKeys) {
        super(expectedKeys);
        lockFree = null;
    }

    /**
     * Closes the key space once the operations running on it have finished; later operations
     * throw {@link Closed}. Closing twice is harmless.
     */
    public void close() {
        long stamp = lockForWrite();
        try {
            closed = true;
        } finally {
            unlockWrite(stamp);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** The value of {@code key}, or {@code null}. */
    public JsonValue get(String key) {
        Object entry = findEntry(DenseEntry.keyBytes(key));
        ensureOpen();
        return valueOf(entry);
    }

    /** Stores every member of {@code keys}, overwriting. */
    public void setAll(JsonObject keys) {
        if (lockFree != null && keys.size() == 1) {
            Map.Entry<String, JsonValue> member = keys.entrySet().iterator().next();
            byte[] key = DenseEntry.keyBytes(member.getKey());
            Object entry = DenseEntry.of(key, member.getValue());
            if (writeWithoutLock(OneKeyWrite.PUT, key, entry)) {
                return;
            }
            long stamp = lockForWrite();
            try {
                ensureOpen();
                put(key, entry);
                return;
            } finally {
                unlockWrite(stamp);
            }
        }
        long stamp = lockForWrite();
        try {
            ensureOpen();
            putAll(keys);
        } finally {
            unlockWrite(stamp);
        }
    }

    /** Stores the members of {@code keys} whose names are not stored yet. */
    public void addAbsent(JsonObject keys) {
        if (lockFree != null && keys.size() == 1
                && writeWithoutLock(OneKeyWrite.PUT_IF_ABSENT, DenseEntry.keyBytes(keys.keySet().iterator().next()), null)) {
            return;
        }
        long stamp = lockForWrite();
        try {
            ensureOpen();
            for (Map.Entry<String, JsonValue> member : keys.entrySet()) {
                byte[] key = DenseEntry.keyBytes(member.getKey());
                if (find(key) == null) {
                    put(key, DenseEntry.of(key, member.getValue()));
                }
            }
        } finally {
            unlockWrite(stamp);
        }
    }

    /** Removes the given keys; absent ones are ignored. */
    public void removeAll(List<String> keys) {
        if (lockFree != null && keys.size() == 1
                && writeWithoutLock(OneKeyWrite.REMOVE, DenseEntry.keyBytes(keys.get(0)), null)) {
            return;
        }
        long stamp = lockForWrite();
        try {
            ensureOpen();
            for (String key : keys) {
                remove(DenseEntry.keyBytes(key));
            }
        } finally {
            unlockWrite(stamp);
        }
    }

    /** Removes every key and returns how many there were. */
    public int clear() {
        long stamp = lockForWrite();
        try {
            ensureOpen();
            int count = size();
            clearEntries();
            return count;
        } finally {
            unlockWrite(stamp);
        }
    }

    /** Replaces the whole content by {@code keys} in one step; returns how many keys were removed. */
    public int replaceAll(JsonObject keys) {
        long stamp = lockForWrite();
        try {
            ensureOpen();
            int count = size();
            clearEntries();
            putAll(keys);
            return count;
        } finally {
            unlockWrite(stamp);
        }
    }

    /** The number of keys. */
    public int count() {
        long stamp = tryOptimisticRead();
        long writes = lockFreeStamp();
        int count = size();
        if (validate(stamp, writes)) {
            return count;
        }
        stamp = lockForRead();
        try {
            ensureOpen();
            return size();
        } finally {
            unlockRead(stamp);
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
        byte[][] names = new byte[values.length][];
        for (int i = 0; i < names.length; i++) {
            names[i] = DenseEntry.keyBytes(keys.get(i));
        }
        Object[] entries = new Object[values.length];
        long stamp = tryOptimisticRead();
        long writes = lockFreeStamp();
        fill(names, entries);
        if (!validate(stamp, writes)) {
            stamp = lockForRead();
            try {
                ensureOpen();
                fill(names, entries);
            } finally {
                unlockRead(stamp);
            }
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = valueOf(entries[i]);
        }
        return values;
    }

    /** All key names in 0.6.4's order, as one consistent snapshot. */
    public List<String> keys() {
        long stamp = lockForRead();
        try {
            ensureOpen();
            return Arrays.asList(keyNames());
        } finally {
            unlockRead(stamp);
        }
    }

    /**
     * Runs {@code reader} on a consistent view of the content, which iterates in 0.6.4's order;
     * other readers proceed in parallel, writers wait. The reader must not keep or modify the map.
     */
    public <R> R read(Reader<R> reader) {
        long stamp = lockForRead();
        try {
            ensureOpen();
            return reader.apply(new Content());
        } finally {
            unlockRead(stamp);
        }
    }

    /** Runs {@code writer} with exclusive access to the content (in 0.6.4's order), as one atomic step. */
    public <R> R write(Writer<R> writer) {
        long stamp = lockForWrite();
        try {
            ensureOpen();
            return writer.apply(new Content());
        } finally {
            unlockWrite(stamp);
        }
    }

    /**
     * The entry of {@code key}: read optimistically, without any lock, and again under the shared
     * lock only when a write that adds or removes keys overlapped. An overwrite without the lock
     * swaps the entry whole, so it needs no check.
     */
    private Object findEntry(byte[] key) {
        long stamp = tryOptimisticRead();
        if (stamp != 0) {
            Object entry = find(key);
            if (validate(stamp)) {
                return entry;
            }
        }
        stamp = lockForRead();
        try {
            return find(key);
        } finally {
            unlockRead(stamp);
        }
    }

    /**
     * Writes one key without the lock unless someone holds it or the write adds or removes a key;
     * false when it must take the lock. Only overwrites change the content here: a put of a new
     * key and a removal of a stored one change the table's shape, which readers check through the
     * lock. The write counts as begun before the lock is checked: see {@link LockFreeWrites}.
     */
    private boolean writeWithoutLock(OneKeyWrite write, byte[] key, Object entry) {
        int cell = lockFree.begin();
        try {
            if (isLocked()) {
                return false;
            }
            ensureOpen();
            return switch (write) {
                case PUT -> replace(key, entry);
                case PUT_IF_ABSENT -> find(key) != null;
                case REMOVE -> find(key) == null;
            };
        } finally {
            lockFree.end(cell);
        }
    }

    /** Stores every member of {@code keys}, listing the new ones last; under the lock only. */
    private void putAll(JsonObject keys) {
        for (Map.Entry<String, JsonValue> member : keys.entrySet()) {
            byte[] key = DenseEntry.keyBytes(member.getKey());
            put(key, DenseEntry.of(key, member.getValue()));
        }
    }

    /** The exclusive lock, once no lock-free write is running. */
    private long lockForWrite() {
        long stamp = writeLock();
        if (lockFree != null) {
            lockFree.awaitIdle();
        }
        return stamp;
    }

    /** The shared lock, once no lock-free write is running. */
    private long lockForRead() {
        long stamp = readLock();
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
        return !closed && validate(stamp) && (lockFree == null || lockFree.validate(lockFreeStamp));
    }

    /** Throws {@link Closed} when the key space is closed; called with the lock held where there is one. */
    private void ensureOpen() {
        if (closed) {
            throw Closed.INSTANCE;
        }
    }

    private void fill(byte[][] keys, Object[] entries) {
        for (int i = 0; i < entries.length; i++) {
            entries[i] = find(keys[i]);
        }
    }

    private static JsonValue valueOf(Object entry) {
        return entry == null ? null : DenseEntry.value(entry);
    }

    /**
     * The content as a map, as the lock's holders see it: additions and removals keep the order,
     * iteration follows it, values are read from their text on each access. Used only under the
     * lock, where no lock-free write runs.
     */
    private final class Content extends AbstractMap<String, JsonValue> {

        /** The key space's table: this class's own methods have the table's names. */
        private final DenseKeyTable table = KeySpace.this;

        @Override
        public JsonValue get(Object key) {
            return key instanceof String name ? valueOf(table.find(DenseEntry.keyBytes(name))) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && table.find(DenseEntry.keyBytes(name)) != null;
        }

        @Override
        public int size() {
            return table.size();
        }

        @Override
        public JsonValue put(String key, JsonValue value) {
            byte[] name = DenseEntry.keyBytes(key);
            return valueOf(table.put(name, DenseEntry.of(name, value)));
        }

        @Override
        public JsonValue remove(Object key) {
            return key instanceof String name ? valueOf(table.remove(DenseEntry.keyBytes(name))) : null;
        }

        @Override
        public void clear() {
            table.clearEntries();
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super JsonValue> action) {
            for (int i = 0; i < table.size(); i++) {
                Object entry = table.entryAt(i);
                action.accept(DenseEntry.key(entry), DenseEntry.value(entry));
            }
        }

        @Override
        public Set<Entry<String, JsonValue>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return table.size();
                }

                @Override
                public Iterator<Entry<String, JsonValue>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < table.size();
                        }

                        @Override
                        public Entry<String, JsonValue> next() {
                            if (next >= table.size()) {
                                throw new NoSuchElementException();
                            }
                            Object entry = table.entryAt(next++);
                            return new SimpleImmutableEntry<>(DenseEntry.key(entry), DenseEntry.value(entry));
                        }
                    };
                }
            };
        }
    }
}
