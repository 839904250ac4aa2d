package io.nemesisdb.persist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The start-up check that saves will be able to write under the persist path, so that a path
 * such as {@code /proc/nope} stops the start-up instead of failing the first save hours later.
 * The path is created when missing, as a save would; writing is proved by creating and removing
 * an empty file, so nothing is left behind.
 */
public final class PersistPathCheck {

    private static final String PROBE_PREFIX = ".write-check-";

    private PersistPathCheck() {
    }

    /** Why saves cannot write under {@code root} (one line), or {@code null} when they can. */
    public static String problem(Path root) {
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, PROBE_PREFIX, ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException e) {
            return SaveRunner.describe(e);
        }
    }
}
