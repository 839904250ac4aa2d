package io.nemesisdb.grid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.persist.BatchedSnapshot;
import io.nemesisdb.persist.DatasetException;
import io.nemesisdb.persist.DatasetReader;
import io.nemesisdb.persist.KvSnapshot;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.persist.Snapshot;
import io.nemesisdb.store.OneKeySpaceStore;
import io.nemesisdb.store.Restored;
import jakarta.json.JsonValue;

/**
 * KV mode on a Hazelcast cluster (cluster.md 5.3, as built 5.11): one key space for all clients,
 * map {@value #MAP}, each key an entry of its own, so keys spread over the members with their
 * synchronous backups. {@link GridKvKeySpace} says how each command stays atomic and isolated. A
 * save copies the keys in batches, each key as it was at one moment; a load fills the cluster in
 * batches (neither is one instant of the whole key space: cluster.md 5.4). Nothing expires. Every
 * call blocks on the network: {@link #blocks()}.
 */
public final class GridKvStore implements OneKeySpaceStore {

    /** The map of keys to their values' JSON text. */
    public static final String MAP = "nemesis-kv";
    /** Keys copied per call while a save runs, and stored per call while a load runs. */
    static final int BATCH = 1_024;

    private final IMap<String, String> map;
    private final GridKvKeySpace keySpace;

    /** Over the member {@code hazelcast}, whose configuration went through {@link #configure}. */
    public GridKvStore(HazelcastInstance hazelcast) {
        this.map = hazelcast.getMap(MAP);
        this.keySpace = new GridKvKeySpace(hazelcast);
    }

    /**
     * Adds the KV map to a member's configuration: values kept serialized (they are JSON text, which
     * a read ships as it is), {@code backups} synchronous backups, which is also how many members
     * keep the log of a multi-key write's transaction.
     */
    public static Config configure(Config config, int backups) {
        config.getMapConfig(MAP).setInMemoryFormat(InMemoryFormat.BINARY).setBackupCount(backups).setAsyncBackupCount(0);
        return config;
    }

    @Override
    public boolean blocks() {
        return true;
    }

    @Override
    public KeySpaceOperations find(CommandContext context) {
        return keySpace;
    }

    /** The cluster's key count: a count per partition (one request per member), no visit of the entries. */
    @Override
    public long keys() {
        return map.size();
    }

    /** Every key of the cluster: the names listed when the save starts, the values copied {@link #BATCH} at a time as it writes. */
    @Override
    public Snapshot snapshot() {
        List<String> names = new ArrayList<>(map.keySet());
        return BatchedSnapshot.ofKeys(Batches.of(names, BATCH, this::copies));
    }

    private KvSnapshot copies(Set<String> names) {
        Map<String, String> copied = map.getAll(names);
        String[] keys = new String[copied.size()];
        JsonValue[] values = new JsonValue[copied.size()];
        int i = 0;
        for (Map.Entry<String, String> entry : copied.entrySet()) {
            keys[i] = entry.getKey();
            values[i++] = GridJson.value(entry.getValue());
        }
        return new KvSnapshot(keys, values);
    }

    /**
     * Reads and checks the whole dataset first, then stores it {@link #BATCH} keys per call
     * ({@code putAll}, one operation per member), overwriting keys of the same name: clients see
     * the load as it goes, not all at once.
     */
    @Override
    public Restored restore(DatasetReader reader, SaveName name) throws DatasetException {
        List<KvSnapshot> parts = reader.readKv(name);
        long count = 0;
        Map<String, String> batch = new HashMap<>();
        for (KvSnapshot part : parts) {
            for (int i = 0; i < part.size(); i++) {
                batch.put(part.keys()[i], GridJson.text(part.values()[i]));
                if (batch.size() == BATCH) {
                    map.putAll(batch);
                    batch.clear();
                }
            }
            count += part.size();
        }
        map.putAll(batch);
        return Restored.keys(count);
    }
}
