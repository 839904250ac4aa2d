package io.nemesisdb.persist;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nemesisdb.kv.KeySpace;
import io.nemesisdb.protocol.JsonText;
import jakarta.json.JsonValue;

/**
 * The keys and values of KV mode's key space, index for index: taken as a point-in-time copy
 * for a save, or read from one data file for a load.
 */
record KvSnapshot(String[] keys, JsonValue[] values) implements Snapshot {

    /** Copies the content of {@code keySpace} as one consistent view; writers wait only for the copy. */
    static KvSnapshot of(KeySpace keySpace) {
        return keySpace.read(map -> {
            List<String> keys = new ArrayList<>(map.size() + 16);
            List<JsonValue> values = new ArrayList<>(map.size() + 16);
            for (Map.Entry<String, JsonValue> entry : map.entrySet()) {
                keys.add(entry.getKey());
                values.add(entry.getValue());
            }
            return new KvSnapshot(keys.toArray(String[]::new), values.toArray(JsonValue[]::new));
        });
    }

    int size() {
        return keys.length;
    }

    @Override
    public DataFormat format() {
        return DataFormat.KV;
    }

    @Override
    public void writeTo(DataFileWriter out) throws IOException {
        StringBuilder entry = new StringBuilder(512);
        for (int i = 0; i < keys.length; i++) {
            entry.setLength(0);
            JsonText.appendString(entry, keys[i]);
            entry.append(':');
            JsonText.appendValue(entry, values[i]);
            out.add(entry);
            if (entry.capacity() > 1 << 20) {
                entry = new StringBuilder(512);
            }
        }
    }

    /** Stores every entry into {@code map}, overwriting keys of the same name. */
    void putInto(Map<String, JsonValue> map) {
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], values[i]);
        }
    }
}
