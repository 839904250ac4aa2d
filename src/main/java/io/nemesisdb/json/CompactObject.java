package io.nemesisdb.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * An immutable JSON object held in two arrays, names and values in member order: three objects
 * where a linked hash map needs one per member and more. Stored values are mostly small objects
 * that live long, so this is what keeps the heap and the collector's copying small. Up to
 * {@value #SCAN_LIMIT} members a lookup scans the names; larger objects add an index, so lookups
 * stay cheap at any size and whatever the names:
 * <ul>
 * <li>normally an open-addressing table: the names' cached {@code String.hashCode}, spread by a
 * multiplication (names such as {@code m0, m1, …} have nearly consecutive hash codes, which
 * taken as they are would fill one long run of slots), with linear probing that never goes
 * further than {@value #MAX_PROBES} slots from a name's home slot;</li>
 * <li>when a name would have to go further, which random names practically never need but names
 * chosen to collide do ({@code "Aa"} and {@code "BB"} have one hash code, and so do all 2^n names
 * made of n of them), the members sorted by hash code and name, searched by halving.</li>
 * </ul>
 * Either way a lookup costs at most {@value #MAX_PROBES} probes or a binary search, and building
 * the index at most that per member plus a sort.
 */
public final class CompactObject extends AbstractMap<String, JsonValue> implements JsonObject {

    private static final int SCAN_LIMIT = 8;
    /**
     * The furthest a name may sit from its home slot. With random names and the table at most half
     * full, the furthest of two million names was 57 slots away in ten trials, of 131,071 names
     * 49 in a hundred; a name further than this was chosen to collide.
     */
    private static final int MAX_PROBES = 96;
    /** 2^32 divided by the golden ratio: multiplying by it spreads consecutive hash codes over the table. */
    private static final int SPREAD = 0x9E3779B9;

    private final String[] names;
    private final JsonValue[] values;
    /**
     * Null for objects within the scan limit; else either hash slots, a power of two of them, each
     * the member index + 1 (0 is an empty slot); or, for names that collide, an odd number of ints:
     * the members sorted by hash code and name as pairs (hash code, member index), and one unused.
     * The parity of the length tells them apart without a type check on the common path.
     */
    private final int[] index;

    private CompactObject(String[] names, JsonValue[] values, int[] index) {
        this.names = names;
        this.values = values;
        this.index = index;
    }

    /**
     * Builds objects from members in order; a repeated name keeps its first place and its last
     * value. A builder can be used again after {@link #build()}.
     */
    public static final class Builder {
        private String[] names = new String[4];
        private JsonValue[] values = new JsonValue[4];
        private int size;

        public Builder add(String name, JsonValue value) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
            return this;
        }

        /** Drops the members added since the last build, as after a value that failed to parse. */
        public Builder clear() {
            CompactArray.forget(values, size);
            size = 0;
            return this;
        }

        public CompactObject build() {
            return build(null);
        }

        /**
         * Builds the object; when its names are those of {@code model}, in the same order, it
         * shares the model's names (and index) instead of keeping a copy: records of one shape
         * then cost one array each.
         */
        public CompactObject build(CompactObject model) {
            int count = size;
            JsonValue[] v = Arrays.copyOf(values, count);
            clear();
            if (model != null && hasNames(model.names, count)) {
                return new CompactObject(model.names, v, model.index);
            }
            String[] n = Arrays.copyOf(names, count);
            return count <= SCAN_LIMIT ? scanned(n, v, count) : indexed(n, v, count);
        }

        private boolean hasNames(String[] shape, int count) {
            if (shape.length != count) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                if (!shape[i].equals(names[i])) {
                    return false;
                }
            }
            return true;
        }

        private static CompactObject scanned(String[] n, JsonValue[] v, int count) {
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int earlier = find(n, kept, n[i]);
                if (earlier >= 0) {
                    v[earlier] = v[i];
                } else {
                    n[kept] = n[i];
                    v[kept++] = v[i];
                }
            }
            return kept == count ? new CompactObject(n, v, null)
                    : new CompactObject(Arrays.copyOf(n, kept), Arrays.copyOf(v, kept), null);
        }

        /** Hashes the names, or sorts them when one lands too far from its home slot. */
        private static CompactObject indexed(String[] n, JsonValue[] v, int count) {
            int[] slots = new int[Integer.highestOneBit(count) << 2];
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int slot = slotOf(slots, n, n[i]);
                if (slot < 0) {
                    // members 0..kept-1 are distinct, with their latest values; i.. are still to come
                    System.arraycopy(n, i, n, kept, count - i);
                    System.arraycopy(v, i, v, kept, count - i);
                    return sorted(n, v, kept + count - i);
                }
                if (slots[slot] != 0) {
                    v[slots[slot] - 1] = v[i];
                } else {
                    n[kept] = n[i];
                    v[kept] = v[i];
                    slots[slot] = ++kept;
                }
            }
            return kept == count ? new CompactObject(n, v, slots)
                    : new CompactObject(Arrays.copyOf(n, kept), Arrays.copyOf(v, kept), slots);
        }

        /** The members {@code n[0..count)} with a sorted index; a repeated name keeps its first place and its last value. */
        private static CompactObject sorted(String[] n, JsonValue[] v, int count) {
            long[] order = new long[count];
            for (int i = 0; i < count; i++) {
                order[i] = entry(n[i].hashCode(), i);
            }
            Arrays.sort(order);
            sortRunsByName(order, n);
            // a run of one name: the first entry has the first place, the last one the last value
            boolean[] first = new boolean[count];
            int distinct = 0;
            for (int i = 0; i < count; ) {
                int end = i + 1;
                while (end < count && (int) (order[end] >> 32) == (int) (order[i] >> 32)
                        && n[(int) order[end]].equals(n[(int) order[i]])) {
                    end++;
                }
                int place = (int) order[i];
                v[place] = v[(int) order[end - 1]];
                first[place] = true;
                order[distinct++] = order[i];
                i = end;
            }
            int[] renumbered = new int[count];
            int kept = 0;
            for (int i = 0; i < count; i++) {
                if (first[i]) {
                    n[kept] = n[i];
                    v[kept] = v[i];
                    renumbered[i] = kept++;
                }
            }
            int[] index = new int[2 * kept + 1];
            for (int i = 0; i < kept; i++) {
                index[2 * i] = (int) (order[i] >> 32);
                index[2 * i + 1] = renumbered[(int) order[i]];
            }
            return new CompactObject(Arrays.copyOf(n, kept), Arrays.copyOf(v, kept), index);
        }

        /** Orders each run of entries with one hash code by name, keeping the order of equal names. */
        private static void sortRunsByName(long[] order, String[] n) {
            for (int i = 0; i < order.length; ) {
                int end = i + 1;
                while (end < order.length && (int) (order[end] >> 32) == (int) (order[i] >> 32)) {
                    end++;
                }
                if (end - i > 1) {
                    Long[] run = new Long[end - i];
                    for (int j = i; j < end; j++) {
                        run[j - i] = order[j];
                    }
                    // stable: equal names stay in member order
                    Arrays.sort(run, (a, b) -> n[(int) (long) a].compareTo(n[(int) (long) b]));
                    for (int j = i; j < end; j++) {
                        order[j] = run[j - i];
                    }
                }
                i = end;
            }
        }
    }

    private static long entry(int hash, int member) {
        return (long) hash << 32 | (member & 0xFFFF_FFFFL);
    }

    /** The right shift that turns a spread hash code into a slot of {@code slots} (a power of two long). */
    private static int shift(int[] slots) {
        return Integer.numberOfLeadingZeros(slots.length) + 1;
    }

    private static int find(String[] names, int count, Object name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** True when the names collide so much that lookups search a sorted index; for tests. */
    boolean hasSortedIndex() {
        return index != null && (index.length & 1) != 0;
    }

    private int indexOf(Object name) {
        if (index == null) {
            return find(names, names.length, name);
        }
        if (!(name instanceof String key)) {
            return -1;
        }
        return (index.length & 1) == 0 ? probe(index, names, key) : search(index, names, key);
    }

    /**
     * For building: the slot holding {@code name}, or the empty slot where it would go, by linear
     * probing from its home slot; -1 when that is more than {@value #MAX_PROBES} slots further.
     */
    private static int slotOf(int[] slots, String[] names, String name) {
        int mask = slots.length - 1;
        int slot = (name.hashCode() * SPREAD) >>> shift(slots);
        // comparing hash codes before the names would skip most equals() calls in a crowded run,
        // but costs a third more on the common path (MemberIndexBenchmark); a run is short anyway
        for (int probes = 0; slots[slot] != 0 && !names[slots[slot] - 1].equals(name); probes++) {
            if (probes == MAX_PROBES) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /**
     * For lookups: the member index of {@code name}, or -1, probing as {@link #slotOf} does. Kept
     * apart from it: one loop for both measured a third slower on lookups, or on building.
     */
    private static int probe(int[] slots, String[] names, String name) {
        int mask = slots.length - 1;
        int slot = (name.hashCode() * SPREAD) >>> shift(slots);
        for (int probes = 0; probes <= MAX_PROBES; probes++) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if (names[entry - 1].equals(name)) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** Binary search of the sorted pairs by hash code, then by name. */
    private static int search(int[] sorted, String[] names, String name) {
        int h = name.hashCode();
        int low = 0;
        int high = sorted.length / 2 - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = Integer.compare(sorted[2 * middle], h);
            if (order == 0) {
                order = names[sorted[2 * middle + 1]].compareTo(name);
            }
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return sorted[2 * middle + 1];
            }
        }
        return -1;
    }

    @Override
    public JsonValue get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public Set<Entry<String, JsonValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, JsonValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, JsonValue> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }

    @Override
    public ValueType getValueType() {
        return ValueType.OBJECT;
    }

    @Override
    public JsonArray getJsonArray(String name) {
        return (JsonArray) get(name);
    }

    @Override
    public JsonObject getJsonObject(String name) {
        return (JsonObject) get(name);
    }

    @Override
    public JsonNumber getJsonNumber(String name) {
        return (JsonNumber) get(name);
    }

    @Override
    public JsonString getJsonString(String name) {
        return (JsonString) get(name);
    }

    @Override
    public String getString(String name) {
        return getJsonString(name).getString();
    }

    @Override
    public String getString(String name, String defaultValue) {
        return get(name) instanceof JsonString string ? string.getString() : defaultValue;
    }

    @Override
    public int getInt(String name) {
        return getJsonNumber(name).intValue();
    }

    @Override
    public int getInt(String name, int defaultValue) {
        return get(name) instanceof JsonNumber number ? number.intValue() : defaultValue;
    }

    @Override
    public boolean getBoolean(String name) {
        return booleanOf(get(name));
    }

    /** As {@link JsonObject#getBoolean(String)} and {@link JsonArray#getBoolean(int)} define it. */
    static boolean booleanOf(JsonValue value) {
        return switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> throw new ClassCastException("not a boolean: " + value.getValueType());
        };
    }

    /** The boolean {@code value} is, or {@code defaultValue} when it is absent or not a boolean. */
    static boolean booleanOr(JsonValue value, boolean defaultValue) {
        return value == null ? defaultValue : switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> defaultValue;
        };
    }

    @Override
    public boolean getBoolean(String name, boolean defaultValue) {
        return booleanOr(get(name), defaultValue);
    }

    @Override
    public boolean isNull(String name) {
        return get(name).getValueType() == ValueType.NULL;
    }

    @Override
    public String toString() {
        return JsonText.toJson(this);
    }
}
