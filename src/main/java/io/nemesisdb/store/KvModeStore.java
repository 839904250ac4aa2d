package io.nemesisdb.store;

import java.util.List;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.kv.KeySpace;
import io.nemesisdb.persist.DatasetException;
import io.nemesisdb.persist.DatasetReader;
import io.nemesisdb.persist.KvSnapshot;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.persist.Snapshot;

/**
 * KV mode's store: one key space that every client shares. Nothing expires. A load reads and
 * parses the whole dataset first and then stores it in one exclusive step: other clients see all
 * of it or none of it.
 */
final class KvModeStore implements OneKeySpaceStore {

    private final KeySpace keySpace = new KeySpace();

    @Override
    public KeySpaceOperations find(CommandContext context) {
        return keySpace;
    }

    @Override
    public long keys() {
        return keySpace.count();
    }

    @Override
    public Snapshot snapshot() {
        return KvSnapshot.of(keySpace);
    }

    @Override
    public Restored restore(DatasetReader reader, SaveName name) throws DatasetException {
        List<KvSnapshot> parts = reader.readKv(name);
        long count = 0;
        for (KvSnapshot part : parts) {
            count += part.size();
        }
        keySpace.write(map -> {
            for (KvSnapshot part : parts) {
                part.putInto(map);
            }
            return null;
        });
        return Restored.keys(count);
    }
}
