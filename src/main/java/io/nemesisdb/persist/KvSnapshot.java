package io.nemesisdb.persist;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

import io.nemesisdb.json.JsonText;
import io.nemesisdb.kv.KeySpace;
import jakarta.json.JsonValue;

/**
 * The keys and values of KV mode's key space, index for index: taken as a point-in-time copy
 * for a save, or read from one data file for a load.
 */
public record KvSnapshot(String[] keys, JsonValue[] values) implements Snapshot {

    /**
     * Copies the content of {@code keySpace} as one consistent view. Writers wait only for the
     * copy of the references, which is made as fast as the map allows (no entry objects).
     */
    public static KvSnapshot of(KeySpace keySpace) {
        return keySpace.read(map -> {
            Collector collector = new Collector(map.size());
            map.forEach(collector);
            return collector.snapshot();
        });
    }

    /** Fills arrays from a map's entries; the map does not change while it runs (the key space is read-locked). */
    private static final class Collector implements BiConsumer<String, JsonValue> {
        private String[] keys;
        private JsonValue[] values;
        private int count;

        Collector(int expected) {
            keys = new String[expected];
            values = new JsonValue[expected];
        }

        @Override
        public void accept(String key, JsonValue value) {
            if (count == keys.length) {
                keys = Arrays.copyOf(keys, count * 2 + 16);
                values = Arrays.copyOf(values, count * 2 + 16);
            }
            keys[count] = key;
            values[count++] = value;
        }

        KvSnapshot snapshot() {
            return count == keys.length ? new KvSnapshot(keys, values)
                    : new KvSnapshot(Arrays.copyOf(keys, count), Arrays.copyOf(values, count));
        }
    }

    public int size() {
        return keys.length;
    }

    @Override
    public DataFormat format() {
        return DataFormat.KV;
    }

    @Override
    public void writeTo(DataFileWriter out) throws IOException {
        JsonText entry = new JsonText(512);
        for (int i = 0; i < keys.length; i++) {
            entry.clear();
            entry.string(keys[i]).ascii(':').value(values[i]);
            out.add(entry);
            if (entry.bytes().length > 1 << 20) {
                entry = new JsonText(512);
            }
        }
    }

    /** Stores every entry into {@code map}, overwriting keys of the same name. */
    public void putInto(Map<String, JsonValue> map) {
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], values[i]);
        }
    }
}
