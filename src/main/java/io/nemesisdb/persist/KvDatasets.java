package io.nemesisdb.persist;

import java.nio.file.Path;
import java.util.List;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.kv.SingleKeySpace;
import io.nemesisdb.ops.StoreMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Saving and loading KV mode's key space. A load reads and parses the whole dataset first and
 * then stores it in one exclusive step: other clients see all of it or none of it, and a corrupt
 * dataset changes nothing.
 */
@ApplicationScoped
public class KvDatasets {

    @Inject
    SingleKeySpace keySpaces;

    @Inject
    SaveRunner saves;

    @Inject
    StoreMetrics metrics;

    /** Runs {@code KV_SAVE}. */
    void save(CommandContext context) {
        saves.save(context, this::snapshot);
    }

    /**
     * Loads dataset {@code name} from {@code root}: keys of the same name are overwritten, others kept.
     *
     * @return how many keys the dataset held
     */
    public long load(Path root, SaveName name, int maxDepth) throws DatasetException {
        return load(root, name, maxDepth, LoadProgress.NONE);
    }

    /** As {@link #load(Path, SaveName, int)}, counting what it reads in {@code progress}. */
    public long load(Path root, SaveName name, int maxDepth, LoadProgress progress) throws DatasetException {
        return metrics.timeLoad(() -> loadParts(root, name, maxDepth, progress));
    }

    /** The whole key space as one point-in-time snapshot, for the final save. */
    Snapshot snapshot() {
        return KvSnapshot.of(keySpaces.keySpace());
    }

    private long loadParts(Path root, SaveName name, int maxDepth, LoadProgress progress) throws DatasetException {
        List<KvSnapshot> parts = new DatasetReader(new DatasetLayout(root), maxDepth, progress).readKv(name);
        long count = 0;
        for (KvSnapshot part : parts) {
            count += part.size();
        }
        keySpaces.keySpace().write(map -> {
            for (KvSnapshot part : parts) {
                part.putInto(map);
            }
            return null;
        });
        return count;
    }
}
