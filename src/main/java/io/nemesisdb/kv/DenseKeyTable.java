package io.nemesisdb.kv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A key space's content: one {@link DenseEntry} per key (the key's bytes and the value's JSON text
 * in one array), in NemesisDB 0.6.4's order (a dense vector with swap-remove, as its hash map
 * stores entries): a new key goes last; removing a key moves the last key into its place;
 * overwriting a key leaves it where it is. About 85 bytes of heap for a key of 8 characters with
 * a value of 32, where a {@code ConcurrentHashMap} of parsed values beside a list of the keys took
 * 175.
 *
 * <p>Up to {@value #SCANNED} keys a lookup scans the entries, and small key spaces (sessions)
 * carry no index; beyond, open addressing over the places finds each key, with a hash keyed by a
 * random seed (SipHash-1-3), so that no choice of names can make it slow.
 *
 * <p>Not thread-safe, with two exceptions that its key space relies on. {@link #find} may run
 * beside any one writer: it then may answer wrongly, but never throws or loops, and the caller
 * validates the answer (an optimistic read). {@link #replace} may run beside {@code find} and
 * other {@code replace}s, never beside the other writes: it swaps one entry for another of the
 * same key, which readers see whole.
 */
class DenseKeyTable {

    /** Up to this many keys, a lookup compares keys one by one, and small key spaces (sessions) carry no index. */
    static final int SCANNED = 8;
    private static final Object[] NONE = {};
    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K0;
    private static final long K1;

    static {
        SecureRandom random = new SecureRandom();
        K0 = random.nextLong();
        K1 = random.nextLong();
    }

    /** The entries in order, dense: positions {@code 0..size-1}. */
    private Object[] entries;
    private int size;
    /** Per position, the key's hash; null while the keys are scanned. */
    private int[] hashes;
    /** Per bucket, position + 1 of the key whose hash probes there first or later; 0 when empty. */
    private int[] table;

    DenseKeyTable() {
        entries = NONE;
    }

    /** A table with room for {@code capacity} keys before it grows. */
    DenseKeyTable(int capacity) {
        entries = new Object[capacity];
    }

    int size() {
        return size;
    }

    /** The entry at {@code position}, {@code 0 <= position < size()}. */
    Object entryAt(int position) {
        return entries[position];
    }

    /** The keys in order. */
    String[] keyNames() {
        String[] keys = new String[size];
        for (int i = 0; i < size; i++) {
            keys[i] = DenseEntry.key(entries[i]);
        }
        return keys;
    }

    /** The entry of {@code key} (as {@link DenseEntry#keyBytes}), or null. May run beside a writer: see the class comment. */
    Object find(byte[] key) {
        int position = positionOf(key);
        if (position < 0) {
            return null;
        }
        Object[] entries = this.entries;
        Object entry = position < entries.length ? ENTRY.getAcquire(entries, position) : null;
        return entry != null && DenseEntry.hasKey(entry, key) ? entry : null;
    }

    /** Stores {@code entry}, of {@code key}, in the key's place or last; returns the entry it replaced, or null. */
    Object put(byte[] key, Object entry) {
        int position = positionOf(key);
        if (position >= 0) {
            Object previous = entries[position];
            ENTRY.setRelease(entries, position, entry);
            return previous;
        }
        append(key, entry);
        return null;
    }

    /**
     * Replaces the entry of {@code key} by {@code entry} when the key is stored; false when not.
     * May run beside {@link #find} and other replaces: see the class comment.
     */
    boolean replace(byte[] key, Object entry) {
        int position = positionOf(key);
        if (position < 0) {
            return false;
        }
        ENTRY.setRelease(entries, position, entry);
        return true;
    }

    /** Removes the entry of {@code key}, moving the last entry into its place; returns it, or null. */
    Object remove(byte[] key) {
        int position = positionOf(key);
        if (position < 0) {
            return null;
        }
        Object removed = entries[position];
        if (table != null) {
            vacate(bucketOfPlace(hashes[position], position + 1));
        }
        int last = size - 1;
        if (position != last) {
            ENTRY.setRelease(entries, position, entries[last]);
            if (table != null) {
                hashes[position] = hashes[last];
                table[bucketOfPlace(hashes[last], last + 1)] = position + 1;
            }
        }
        entries[last] = null;
        size = last;
        return removed;
    }

    void clearEntries() {
        entries = NONE;
        size = 0;
        hashes = null;
        table = null;
    }

    /**
     * The position of {@code key}, or -1. Reads each array once and checks every index, so that
     * beside a writer it answers (wrongly, perhaps) instead of throwing or looping.
     */
    private int positionOf(byte[] key) {
        Object[] entries = this.entries;
        int[] table = this.table;
        int[] hashes = this.hashes;
        if (table == null || hashes == null) {
            int n = Math.min(size, entries.length);
            for (int i = 0; i < n; i++) {
                Object entry = ENTRY.getAcquire(entries, i);
                if (entry != null && DenseEntry.hasKey(entry, key)) {
                    return i;
                }
            }
            return -1;
        }
        int hash = hash(key, 0, key.length);
        int mask = table.length - 1;
        for (int bucket = hash & mask, probes = 0; probes < table.length; bucket = (bucket + 1) & mask, probes++) {
            int place = table[bucket];
            if (place == 0) {
                return -1;
            }
            int position = place - 1;
            if (position < hashes.length && position < entries.length && hashes[position] == hash) {
                Object entry = ENTRY.getAcquire(entries, position);
                if (entry != null && DenseEntry.hasKey(entry, key)) {
                    return position;
                }
            }
        }
        return -1;
    }

    /** Adds {@code entry}, of {@code key}, which is not stored, last. */
    private void append(byte[] key, Object entry) {
        if (table == null && size >= SCANNED) {
            index();
        }
        if (size == entries.length) {
            int capacity = Math.max(4, size + (size >> 1));
            entries = Arrays.copyOf(entries, capacity);
            if (hashes != null) {
                hashes = Arrays.copyOf(hashes, capacity);
            }
        }
        ENTRY.setRelease(entries, size, entry);
        size++;
        if (table != null) {
            int hash = hash(key, 0, key.length);
            hashes[size - 1] = hash;
            int mask = table.length - 1;
            int bucket = hash & mask;
            while (table[bucket] != 0) {
                bucket = (bucket + 1) & mask;
            }
            table[bucket] = size;
            if (size * 2 > table.length) {
                rebuild(table.length * 2);
            }
        }
    }

    /** Starts indexing the keys, which outgrew scanning. */
    private void index() {
        int[] hashes = new int[entries.length];
        for (int i = 0; i < size; i++) {
            byte[] key = DenseEntry.keyOf(entries[i]);
            int from = DenseEntry.keyStart(key);
            hashes[i] = hash(key, from, from + DenseEntry.keyLength(key));
        }
        this.hashes = hashes;
        rebuild(Integer.highestOneBit(Math.max(size, SCANNED) * 4));
    }

    /** A table of {@code buckets} (a power of two) holding every position. */
    private void rebuild(int buckets) {
        int[] table = new int[buckets];
        int mask = buckets - 1;
        for (int i = 0; i < size; i++) {
            int bucket = hashes[i] & mask;
            while (table[bucket] != 0) {
                bucket = (bucket + 1) & mask;
            }
            table[bucket] = i + 1;
        }
        this.table = table;
    }

    /** The bucket that holds {@code place}, whose key has {@code hash}. */
    private int bucketOfPlace(int hash, int place) {
        int mask = table.length - 1;
        int bucket = hash & mask;
        while (table[bucket] != place) {
            bucket = (bucket + 1) & mask;
        }
        return bucket;
    }

    /** Empties {@code bucket}, moving back the places after it that probed past it (no tombstones). */
    private void vacate(int bucket) {
        int mask = table.length - 1;
        int hole = bucket;
        for (int i = (hole + 1) & mask; table[i] != 0; i = (i + 1) & mask) {
            int home = hashes[table[i] - 1] & mask;
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                table[hole] = table[i];
                hole = i;
            }
        }
        table[hole] = 0;
    }

    /** SipHash-1-3 of {@code bytes[from, to)} with the process's random key, folded to 32 bits. */
    static int hash(byte[] bytes, int from, int to) {
        long v0 = K0 ^ 0x736f6d6570736575L;
        long v1 = K1 ^ 0x646f72616e646f6dL;
        long v2 = K0 ^ 0x6c7967656e657261L;
        long v3 = K1 ^ 0x7465646279746573L;
        int length = to - from;
        int words = length / 8 + 1;
        // one round per message word (the last holds the tail and the length), then three to finish
        for (int w = 0; w < words + 3; w++) {
            long m;
            if (w < words - 1) {
                m = (long) LONG.get(bytes, from + w * 8);
            } else if (w == words - 1) {
                m = (long) length << 56;
                for (int i = from + w * 8, shift = 0; i < to; i++, shift += 8) {
                    m |= (bytes[i] & 0xFFL) << shift;
                }
            } else {
                m = 0;
            }
            if (w == words) {
                v2 ^= 0xff;
            }
            v3 ^= m;
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            v0 ^= m;
        }
        long h = v0 ^ v1 ^ v2 ^ v3;
        return (int) (h ^ (h >>> 32));
    }
}
