package io.nemesisdb.support;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The test data the repository carries under {@code src/test/resources/fixtures} (each folder
 * there has a README with its origin and licence), as files on disk: tests copy datasets from
 * them and hand them to servers as persist paths, so they need paths, not streams.
 */
public final class TestData {

    private TestData() {
    }

    /** The file or folder {@code fixtures/<relative>} on the test class path. */
    public static Path fixture(String relative) {
        String name = "/fixtures/" + relative;
        URL url = TestData.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("test data " + name + " is not on the class path (src/test/resources" + name + ")");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("test data " + name + " at " + url + " is not a file", e);
        }
    }

    /** Copies folder {@code from} and everything under it to {@code to}, which must not exist yet. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }
}
