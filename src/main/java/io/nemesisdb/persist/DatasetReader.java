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
 * expected mode, with data files {@code 0..n-1} that all parse. Files are parsed in parallel.
 */
public final class DatasetReader {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final DatasetLayout layout;
    private final DataFileParser parser;
    private final int parallelism;

    /** @param maxDepth the deepest nesting a stored value may have */
    public DatasetReader(DatasetLayout layout, int maxDepth) {
        this.layout = layout;
        JsonProvider provider = JsonProvider.provider();
        this.parser = new DataFileParser(
                provider.createParserFactory(Map.of("org.eclipse.parsson.maxDepth", maxDepth + 4)), provider);
        this.parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The entries of KV-mode dataset {@code name}, one part per data file, in file order. */
    List<KvSnapshot> readKv(SaveName name) throws DatasetException {
        return parseAll(dataFiles(locate(name, DataFormat.KV)), parser::parseKv);
    }

    /** The sessions of sessions-mode dataset {@code name}, in file order. */
    List<SavedSession> readSessions(SaveName name) throws DatasetException {
        List<List<SavedSession>> parts = parseAll(dataFiles(locate(name, DataFormat.SESSIONS)), parser::parseSessions);
        List<SavedSession> sessions = new ArrayList<>();
        parts.forEach(sessions::addAll);
        return sessions;
    }

    /** Whether {@code name} has a complete save, of either mode: false when it was never saved or every save was cut off. */
    boolean hasCompleteSave(SaveName name) throws DatasetException {
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
            } catch (IOException e) {
                // a save that never completed
            }
        }
        return false;
    }

    /** The newest complete {@code <ts>} directory of {@code name}, which must hold data of {@code format}. */
    Path locate(SaveName name, DataFormat format) throws DatasetException {
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
            return dir;
        }
        throw new DatasetException("dataset '" + name + "' has no complete save in " + layout.nameDir(name));
    }

    /** The data files of {@code dir}, which must be named 0, 1, … without gaps. */
    private static List<Path> dataFiles(Path dir) throws DatasetException {
        Path dataDir = DatasetLayout.dataDir(dir);
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
        if (!files.isEmpty() && files.lastKey() != files.size() - 1) {
            throw new DatasetException("data files of " + dir + " are not numbered 0.." + (files.size() - 1));
        }
        return new ArrayList<>(files.values());
    }

    /** A parse of one data file. */
    @FunctionalInterface
    private interface FileParse<T> {
        T parse(Path file) throws DatasetException;
    }

    private <T> List<T> parseAll(List<Path> files, FileParse<T> parse) throws DatasetException {
        if (files.size() <= 1) {
            List<T> parts = new ArrayList<>();
            for (Path file : files) {
                parts.add(parse.parse(file));
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
            for (Path file : files) {
                futures.add(pool.submit(() -> parse.parse(file)));
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
