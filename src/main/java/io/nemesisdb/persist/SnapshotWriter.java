package io.nemesisdb.persist;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Writes a snapshot as a dataset so that it becomes visible only when complete. Everything is
 * written under a staging directory that no loader reads: {@code md.json} saying pending, the
 * data files (each fsynced), then {@code md.json} replaced by one saying complete and listing each
 * data file's length and CRC32C (see {@link DatasetMetadata}); the staging
 * directory is fsynced and renamed to {@code <ts>} in one atomic step, and its parent fsynced.
 * A crash at any moment leaves either no {@code <ts>} directory or a complete one, and never
 * touches earlier datasets.
 */
final class SnapshotWriter {

    /** About 10 MiB per data file, as 0.6.4 writes. */
    static final long DEFAULT_MAX_FILE_BYTES = 10L << 20;

    /** What a finished save wrote. */
    record Written(Path dir, int files, long bytes) {
    }

    private static final Logger LOG = Logger.getLogger(SnapshotWriter.class.getName());

    private final DatasetLayout layout;
    private final long maxFileBytes;
    private final Set<Path> active = ConcurrentHashMap.newKeySet();

    SnapshotWriter(DatasetLayout layout, long maxFileBytes) {
        this.layout = layout;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * Creates the directories a save of {@code name} at {@code ts} writes into, the persist path
     * included when missing.
     *
     * @throws IOException when they cannot be created (the save then replies 122)
     */
    void prepare(SaveName name, long ts) throws IOException {
        Files.createDirectories(layout.nameDir(name));
        Path staging = layout.stagingDir(name, ts);
        active.add(staging);
        removeAbandonedStaging(name);
        try {
            Files.createDirectory(staging);
        } catch (IOException e) {
            active.remove(staging);
            throw e;
        }
        try {
            Files.createDirectory(DatasetLayout.mdDir(staging));
            Files.createDirectory(DatasetLayout.dataDir(staging));
        } catch (IOException e) {
            discard(name, ts);
            throw e;
        }
    }

    /**
     * Writes {@code snapshot} into the prepared staging directory and makes it the dataset
     * {@code <name>/<ts>}.
     *
     * @param startMillis when the save started, for {@code md.json}
     * @throws IOException when anything fails; the caller then {@linkplain #discard discards} the staging directory
     */
    Written write(SaveName name, long ts, long startMillis, Snapshot snapshot) throws IOException {
        Path staging = layout.stagingDir(name, ts);
        int dataType = snapshot.format().saveDataType();
        Path md = DatasetLayout.mdFile(staging);
        Durable.writeNewFile(md, new DatasetMetadata(name.value(), DatasetMetadata.VERSION,
                DatasetMetadata.PENDING, startMillis, 0, dataType, Optional.empty()).toJson());
        int files;
        long bytes;
        List<DataFileCheck> checks;
        try (DataFileWriter out = new DataFileWriter(DatasetLayout.dataDir(staging), snapshot.format(), maxFileBytes)) {
            snapshot.writeTo(out);
            files = out.finish();
            bytes = out.totalBytes();
            checks = out.checks();
        }
        Durable.syncDirectory(DatasetLayout.dataDir(staging));
        Durable.replaceFile(md, new DatasetMetadata(name.value(), DatasetMetadata.VERSION,
                DatasetMetadata.COMPLETE, startMillis, System.currentTimeMillis(), dataType, Optional.of(checks)).toJson());
        Durable.syncDirectory(staging);
        Path target = layout.timestampDir(name, ts);
        Durable.rename(staging, target);
        active.remove(staging);
        Durable.syncDirectory(layout.nameDir(name));
        Durable.syncDirectory(layout.root());
        return new Written(target, files, bytes);
    }

    /** Removes what a failed save of {@code name} at {@code ts} left in its staging directory. */
    void discard(SaveName name, long ts) {
        Path staging = layout.stagingDir(name, ts);
        Durable.deleteTreeQuietly(staging);
        active.remove(staging);
    }

    /**
     * Removes staging directories of {@code name} that no save of this process is writing: what
     * a crash left behind. They were never visible as datasets, so nothing of value is lost.
     */
    private void removeAbandonedStaging(SaveName name) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.nameDir(name), DatasetLayout.STAGING_PREFIX + "*")) {
            for (Path entry : entries) {
                if (!active.contains(entry)) {
                    LOG.info(() -> "removing " + entry + ", left by a save that never completed");
                    Durable.deleteTreeQuietly(entry);
                }
            }
        } catch (IOException e) {
            LOG.fine(() -> "cannot list " + layout.nameDir(name) + ": " + e);
        }
    }
}
