package io.nemesisdb.kv;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The order in which a {@link KeySpace} lists its keys, kept as NemesisDB 0.6.4 keeps it (a dense
 * vector with swap-remove, as its hash map stores entries): a new key goes last; removing a key
 * moves the last key into its place; overwriting a key leaves it where it is.
 *
 * <p>Touched only when a key is added or removed, never when one is read or overwritten. Up to
 * {@value #SCANNED} keys it is an array that a removal scans; beyond, an index finds each key's
 * place: open addressing over the places, with a hash keyed by a random seed (SipHash-1-3), so
 * that no choice of names can make it slow (names of one {@code String.hashCode} are easy to make).
 *
 * <p>Not thread-safe: its key space changes it together with its content, under its lock or, for
 * its lock-free writes, synchronized on it.
 */
final class KeyOrder {

    /** Up to this many keys, a lookup compares names one by one, and small key spaces (sessions) carry no index. */
    static final int SCANNED = 8;
    private static final String[] NONE = {};
    private static final long K0;
    private static final long K1;

    static {
        SecureRandom random = new SecureRandom();
        K0 = random.nextLong();
        K1 = random.nextLong();
    }

    /** The keys in order, dense: positions {@code 0..size-1}. */
    private String[] keys = NONE;
    private int size;
    /** Per position, the key's hash; null while the keys are scanned. */
    private int[] hashes;
    /** Per bucket, position + 1 of the key whose hash probes there first or later; 0 when empty. */
    private int[] table;

    int size() {
        return size;
    }

    /** The keys in order, as a new array. */
    String[] toArray() {
        return Arrays.copyOf(keys, size);
    }

    /** The key at {@code position}, {@code 0 <= position < size()}. */
    String get(int position) {
        return keys[position];
    }

    /** Adds {@code key} last, unless it is listed already; true when it was added. */
    boolean add(String key) {
        if (table == null) {
            if (scan(key) >= 0) {
                return false;
            }
            if (size < SCANNED) {
                append(key);
                return true;
            }
            index();
        }
        int hash = hash(key);
        int mask = table.length - 1;
        for (int bucket = hash & mask; ; bucket = (bucket + 1) & mask) {
            int place = table[bucket];
            if (place == 0) {
                append(key);
                hashes[size - 1] = hash;
                table[bucket] = size;
                if (size * 2 > table.length) {
                    rebuild(table.length * 2);
                }
                return true;
            }
            if (hashes[place - 1] == hash && keys[place - 1].equals(key)) {
                return false;
            }
        }
    }

    /** Removes {@code key}, moving the last key into its place; true when it was listed. */
    boolean remove(String key) {
        int position;
        if (table == null) {
            position = scan(key);
            if (position < 0) {
                return false;
            }
        } else {
            int bucket = bucketOf(key);
            if (bucket < 0) {
                return false;
            }
            position = table[bucket] - 1;
            vacate(bucket);
        }
        int last = size - 1;
        if (position != last) {
            keys[position] = keys[last];
            if (table != null) {
                hashes[position] = hashes[last];
                table[bucketOfPlace(hashes[last], last + 1)] = position + 1;
            }
        }
        keys[last] = null;
        size = last;
        return true;
    }

    void clear() {
        keys = NONE;
        size = 0;
        hashes = null;
        table = null;
    }

    private int scan(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private void append(String key) {
        if (size == keys.length) {
            int capacity = Math.max(4, size + (size >> 1));
            keys = Arrays.copyOf(keys, capacity);
            if (hashes != null) {
                hashes = Arrays.copyOf(hashes, capacity);
            }
        }
        keys[size++] = key;
    }

    /** Starts indexing the keys, which outgrew scanning. */
    private void index() {
        hashes = new int[keys.length];
        for (int i = 0; i < size; i++) {
            hashes[i] = hash(keys[i]);
        }
        rebuild(Integer.highestOneBit(Math.max(size, SCANNED) * 4));
    }

    /** A table of {@code buckets} (a power of two) holding every position. */
    private void rebuild(int buckets) {
        table = new int[buckets];
        int mask = buckets - 1;
        for (int i = 0; i < size; i++) {
            int bucket = hashes[i] & mask;
            while (table[bucket] != 0) {
                bucket = (bucket + 1) & mask;
            }
            table[bucket] = i + 1;
        }
    }

    /** The bucket that holds {@code key}'s place, or -1. */
    private int bucketOf(String key) {
        int hash = hash(key);
        int mask = table.length - 1;
        for (int bucket = hash & mask; ; bucket = (bucket + 1) & mask) {
            int place = table[bucket];
            if (place == 0) {
                return -1;
            }
            if (hashes[place - 1] == hash && keys[place - 1].equals(key)) {
                return bucket;
            }
        }
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

    /** SipHash-1-3 of the key's UTF-16 code units with the process's random key, folded to 32 bits. */
    static int hash(String key) {
        long v0 = K0 ^ 0x736f6d6570736575L;
        long v1 = K1 ^ 0x646f72616e646f6dL;
        long v2 = K0 ^ 0x6c7967656e657261L;
        long v3 = K1 ^ 0x7465646279746573L;
        int words = key.length() / 4 + 1;
        // one round per message word (the last holds the tail and the length), then three to finish
        for (int w = 0; w < words + 3; w++) {
            long m = w < words ? word(key, w) : 0;
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

    /** Message word {@code w}: four code units, or for the last, the rest and the length in bytes (mod 256) on top. */
    private static long word(String key, int w) {
        int from = w * 4;
        int to = Math.min(from + 4, key.length());
        long m = to - from < 4 ? (long) (key.length() * 2) << 56 : 0;
        for (int i = from, shift = 0; i < to; i++, shift += 16) {
            m |= (long) key.charAt(i) << shift;
        }
        return m;
    }
}
