package io.nemesisdb.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The tests need nothing beside the repository, and the data they carry says where it came from. */
class TestDataTest {

    @Test
    void everyFixtureFolderHasAReadmeWithItsOriginAndLicence() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("src/test/resources/fixtures"))) {
            List<Path> all = folders.filter(Files::isDirectory).toList();
            assertTrue(all.size() >= 2, "fixture folders: " + all);
            for (Path folder : all) {
                Path readme = folder.resolve("README.md");
                assertTrue(Files.isRegularFile(readme), readme + " is missing");
                String text = Files.readString(readme).toLowerCase(Locale.ROOT);
                assertTrue(text.contains("licen"), readme + " names no licence");
                assertTrue(text.contains("https://"), readme + " names no origin");
            }
        }
    }

    @Test
    void fixturesAreOnTheClassPath() {
        assertTrue(Files.isRegularFile(TestData.fixture("jsonpath-cts/cts.json")));
        assertTrue(Files.isDirectory(TestData.fixture("nemesisdb-0.6.4/kv/kv_fixture")));
    }

    @Test
    void noTestReadsFilesBesideTheRepository() throws IOException {
        String outside = ".." + "/shared"; // written in two parts so that this file does not find itself
        try (Stream<Path> sources = Files.walk(Path.of("src/test/java"))) {
            List<Path> offending = sources.filter(Files::isRegularFile).filter(file -> {
                try {
                    return Files.readString(file).contains(outside);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertEquals(List.of(), offending);
        }
    }
}
