package io.nemesisdb.persist;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where the files of a dataset live, as NemesisDB 0.6.4 lays them out:
 * {@code <root>/<name>/<ts>/md/md.json} and {@code <root>/<name>/<ts>/data/0, 1, …}, where
 * {@code <ts>} is the save's start in nanoseconds since the epoch. A save writes under a staging
 * directory {@code <root>/<name>/.saving-<ts>} that no loader looks at, and renames it to
 * {@code <ts>} once everything in it is durable.
 */
public final class DatasetLayout {

    static final String STAGING_PREFIX = ".saving-";

    private final Path root;

    /** @param root the persist path (saving) or load path (loading) */
    public DatasetLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The directory holding every save of {@code name}; always a direct child of the root. */
    public Path nameDir(SaveName name) {
        Path dir = root.resolve(name.value()).normalize();
        if (!root.equals(dir.getParent())) {
            throw new IllegalArgumentException("dataset name escapes the persist path: " + name);
        }
        return dir;
    }

    /** The directory a save of {@code name} started at {@code ts} writes into. */
    public Path stagingDir(SaveName name, long ts) {
        return nameDir(name).resolve(STAGING_PREFIX + Long.toUnsignedString(ts));
    }

    /** The directory a complete save of {@code name} started at {@code ts} is renamed to. */
    public Path timestampDir(SaveName name, long ts) {
        return nameDir(name).resolve(Long.toUnsignedString(ts));
    }

    public static Path mdDir(Path timestampDir) {
        return timestampDir.resolve("md");
    }

    public static Path mdFile(Path timestampDir) {
        return mdDir(timestampDir).resolve("md.json");
    }

    public static Path dataDir(Path timestampDir) {
        return timestampDir.resolve("data");
    }

    public static Path dataFile(Path timestampDir, int index) {
        return dataDir(timestampDir).resolve(Integer.toString(index));
    }

    /**
     * The {@code <ts>} directories of {@code name}, newest first; staging directories and other
     * entries whose names are not timestamps are left out.
     *
     * @throws NoSuchFileException when nothing was ever saved under {@code name}
     */
    public List<Path> timestampDirsNewestFirst(SaveName name) throws IOException {
        Path dir = nameDir(name);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no dataset of that name");
        }
        List<Timestamped> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Long ts = parseIndex(entry.getFileName().toString());
                if (ts != null && Files.isDirectory(entry)) {
                    found.add(new Timestamped(ts, entry));
                }
            }
        } catch (NotDirectoryException e) {
            throw new NoSuchFileException(dir.toString(), null, "not a directory");
        }
        found.sort(Comparator.comparing(Timestamped::ts, Long::compareUnsigned).reversed());
        return found.stream().map(Timestamped::dir).toList();
    }

    /** An unsigned decimal number written without sign or leading zeros, or {@code null}. */
    static Long parseIndex(String name) {
        if (name.isEmpty() || name.length() > 20 || name.length() > 1 && name.charAt(0) == '0') {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseUnsignedLong(name);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private record Timestamped(long ts, Path dir) {
    }
}
