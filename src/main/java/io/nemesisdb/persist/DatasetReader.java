package io.nemesisdb.persist;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.spi.JsonProvider;

/**
 * Reads the newest complete save of a name, all of it, before anything is applied: a caller gets
 * every entry or a {@link DatasetException}, never part of a dataset. Saves whose {@code md.json}
 * is missing or does not say complete are ignored; the newest complete one must be of the
 * expected mode, with data files {@code 0..n-1} that all parse. When its {@code md.json} lists
 * the data files (every save of this server does; 0.6.4's do not), there must be exactly those
 * files, each with the recorded length (checked before anything is parsed) and CRC32C (checked
 * as it is parsed). Files are parsed in parallel.
 */
public final class DatasetReader {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final DatasetLayout layout;
    private final DataFileParser parser;
    private final int parallelism;
    private final LoadProgress progress;

    /** @param maxDepth the deepest nesting a stored value may have */
    public DatasetReader(DatasetLayout layout, int maxDepth) {
        this(layout, maxDepth, LoadProgress.NONE);
    }

    /** As {@link #DatasetReader(DatasetLayout, int)}, counting what it reads in {@code progress}. */
    public DatasetReader(DatasetLayout layout, int maxDepth, LoadProgress progress) {
        this.layout = layout;
        JsonProvider provider = JsonProvider.provider();
        this.parser = new DataFileParser(
                provider.createParserFactory(Map.of("org.eclipse.parsson.maxDepth", maxDepth + 4)), provider, progress);
        this.parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.progress = progress;
    }

    /** The entries of KV-mode dataset {@code name}, one part per data file, in file order. */
    public List<KvSnapshot> readKv(SaveName name) throws DatasetException {
        return parseAll(dataFiles(locate(name, DataFormat.KV)), parser::parseKv);
    }

    /** The sessions of sessions-mode dataset {@code name}, in file order. */
    public List<SavedSession> readSessions(SaveName name) throws DatasetException {
        List<List<SavedSession>> parts = parseAll(dataFiles(locate(name, DataFormat.SESSIONS)), parser::parseSessions);
        List<SavedSession> sessions = new ArrayList<>();
        parts.forEach(sessions::addAll);
        return sessions;
    }

    /**
     * Whether {@code name} has a complete save, of either mode: false when it was never saved or
     * every save was cut off. A save whose {@code md.json} exists but cannot be read counts as
     * complete, so that loading it reports the problem instead of the dataset passing for absent.
     */
    public boolean hasCompleteSave(SaveName name) throws DatasetException {
        List<Path> candidates;
        try {
            candidates = layout.timestampDirsNewestFirst(name);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new DatasetException("cannot list " + layout.nameDir(name) + ": " + e.getMessage());
        }
        for (Path dir : candidates) {
            try {
                if (DatasetMetadata.read(DatasetLayout.mdFile(dir)).isComplete()) {
                    return true;
                }
            } catch (NoSuchFileException | DatasetMetadata.MalformedException e) {
                // a save that never completed
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /** The newest complete save of {@code name}: its {@code <ts>} directory and metadata. */
    record Located(Path dir, DatasetMetadata metadata) {
    }

    /** The newest complete save of {@code name}, which must hold data of {@code format}. */
    Located locate(SaveName name, DataFormat format) throws DatasetException {
        List<Path> candidates;
        try {
            candidates = layout.timestampDirsNewestFirst(name);
        } catch (NoSuchFileException e) {
            throw new DatasetException("no dataset named '" + name + "' in " + layout.root());
        } catch (IOException e) {
            throw new DatasetException("cannot list " + layout.nameDir(name) + ": " + e.getMessage());
        }
        for (Path dir : candidates) {
            DatasetMetadata md;
            try {
                md = DatasetMetadata.read(DatasetLayout.mdFile(dir));
            } catch (NoSuchFileException | DatasetMetadata.MalformedException e) {
                continue; // a save that never completed
            } catch (DatasetMetadata.InvalidChecksException e) {
                throw new DatasetException(e.getMessage());
            } catch (IOException e) {
                throw new DatasetException("cannot read " + DatasetLayout.mdFile(dir) + ": " + SaveRunner.describe(e));
            }
            if (!md.isComplete()) {
                continue;
            }
            if (md.saveDataType() != format.saveDataType()) {
                DataFormat other = format == DataFormat.KV ? DataFormat.SESSIONS : DataFormat.KV;
                throw new DatasetException("dataset '" + name + "' (" + dir.getFileName() + ") was saved in "
                        + (md.saveDataType() == other.saveDataType() ? other.modeName() : "an unknown mode")
                        + ", not " + format.modeName());
            }
            return new Located(dir, md);
        }
        throw new DatasetException("dataset '" + name + "' has no complete save in " + layout.nameDir(name));
    }

    /**
     * A data file to parse, with what the save recorded about it.
     *
     * @param expected its length and CRC32C, or {@code null} for a dataset saved by 0.6.4, which records neither
     */
    record DataFile(Path path, DataFileCheck expected) {
    }

    /**
     * The data files of a save, which must be named 0, 1, … without gaps; when {@code md.json}
     * lists them, exactly those, each of the recorded length.
     */
    private static List<DataFile> dataFiles(Located save) throws DatasetException {
        Path dataDir = DatasetLayout.dataDir(save.dir());
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir)) {
            for (Path entry : entries) {
                Long index = DatasetLayout.parseIndex(entry.getFileName().toString());
                if (index == null || !Files.isRegularFile(entry)) {
                    throw new DatasetException("unexpected entry in " + dataDir + ": " + entry.getFileName());
                }
                files.put(index, entry);
            }
        } catch (IOException e) {
            throw new DatasetException("cannot list " + dataDir + ": " + e.getMessage());
        }
        if (save.metadata().dataFiles().isEmpty()) {
            if (!files.isEmpty() && files.lastKey() != files.size() - 1) {
                throw new DatasetException("data files of " + save.dir() + " are not numbered 0.." + (files.size() - 1));
            }
            return files.values().stream().map(file -> new DataFile(file, null)).toList();
        }
        List<DataFileCheck> checks = save.metadata().dataFiles().get();
        String listed = "md.json lists " + checks.size() + " data file" + (checks.size() == 1 ? "" : "s");
        List<DataFile> verified = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            Path file = files.get((long) i);
            if (file == null) {
                throw new DatasetException("data file " + dataDir.resolve(Integer.toString(i)) + " is missing (" + listed + ")");
            }
            try {
                checks.get(i).verifyLength(file, Files.size(file));
            } catch (IOException e) {
                throw new DatasetException("cannot read " + file + ": " + SaveRunner.describe(e));
            }
            verified.add(new DataFile(file, checks.get(i)));
        }
        if (files.size() > checks.size()) {
            Path extra = files.tailMap((long) checks.size()).firstEntry().getValue();
            throw new DatasetException("data file " + extra + " is not part of the save (" + listed + ")");
        }
        return verified;
    }

    /** A parse of one data file, checked against what the save recorded ({@code null}: nothing). */
    @FunctionalInterface
    private interface FileParse<T> {
        T parse(Path file, DataFileCheck expected) throws DatasetException;
    }

    private <T> List<T> parseAll(List<DataFile> files, FileParse<T> parse) throws DatasetException {
        long total = 0;
        for (DataFile file : files) {
            try {
                total += Files.size(file.path());
            } catch (IOException e) {
                throw new DatasetException("cannot read " + file.path() + ": " + SaveRunner.describe(e));
            }
        }
        progress.dataFiles(files.size(), total);
        if (files.size() <= 1) {
            List<T> parts = new ArrayList<>();
            for (DataFile file : files) {
                parts.add(parse.parse(file.path(), file.expected()));
            }
            return parts;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, files.size()), task -> {
            Thread thread = new Thread(task, "nemesis-load-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (DataFile file : files) {
                futures.add(pool.submit(() -> parse.parse(file.path(), file.expected())));
            }
            List<T> parts = new ArrayList<>(files.size());
            for (Future<T> future : futures) {
                parts.add(future.get());
            }
            return parts;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DatasetException dataset) {
                throw dataset;
            }
            throw new DatasetException("loading failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("loading was interrupted");
        } finally {
            pool.shutdownNow();
        }
    }
}
