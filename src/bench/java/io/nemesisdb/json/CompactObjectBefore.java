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
 * {@link CompactObject} as it was before its member index was made robust against colliding
 * names, kept unchanged (but for its name) as the baseline of {@link MemberIndexBenchmark}.
 */
final class CompactObjectBefore extends AbstractMap<String, JsonValue> implements JsonObject {

    private static final int SCAN_LIMIT = 8;

    private final String[] names;
    private final JsonValue[] values;
    /** Slot to member index + 1 (0 is an empty slot), for objects above the scan limit; else null. */
    private final int[] index;

    private CompactObjectBefore(String[] names, JsonValue[] values, int[] index) {
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

        public CompactObjectBefore build() {
            return build(null);
        }

        /**
         * Builds the object; when its names are those of {@code model}, in the same order, it
         * shares the model's names (and index) instead of keeping a copy: records of one shape
         * then cost one array each.
         */
        public CompactObjectBefore build(CompactObjectBefore model) {
            int count = size;
            JsonValue[] v = Arrays.copyOf(values, count);
            clear();
            if (model != null && hasNames(model.names, count)) {
                return new CompactObjectBefore(model.names, v, model.index);
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

        private static CompactObjectBefore scanned(String[] n, JsonValue[] v, int count) {
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
            return kept == count ? new CompactObjectBefore(n, v, null)
                    : new CompactObjectBefore(Arrays.copyOf(n, kept), Arrays.copyOf(v, kept), null);
        }

        private static CompactObjectBefore indexed(String[] n, JsonValue[] v, int count) {
            int[] slots = new int[Integer.highestOneBit(count) << 2];
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int slot = slotOf(slots, n, n[i]);
                if (slots[slot] != 0) {
                    v[slots[slot] - 1] = v[i];
                } else {
                    n[kept] = n[i];
                    v[kept] = v[i];
                    slots[slot] = ++kept;
                }
            }
            return kept == count ? new CompactObjectBefore(n, v, slots)
                    : new CompactObjectBefore(Arrays.copyOf(n, kept), Arrays.copyOf(v, kept), slots);
        }
    }

    private static int find(String[] names, int count, Object name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The slot holding {@code name}, or the empty slot where it would go (linear probing). */
    private static int slotOf(int[] slots, String[] names, String name) {
        int mask = slots.length - 1;
        int h = name.hashCode();
        int slot = (h ^ h >>> 16) & mask;
        while (slots[slot] != 0 && !names[slots[slot] - 1].equals(name)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private int indexOf(Object name) {
        if (index == null) {
            return find(names, names.length, name);
        }
        if (!(name instanceof String key)) {
            return -1;
        }
        int entry = index[slotOf(index, names, key)];
        return entry - 1;
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
