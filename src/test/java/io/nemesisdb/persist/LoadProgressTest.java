package io.nemesisdb.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** What a load counts for its progress lines: every byte of the data files and every key. */
class LoadProgressTest {

    @Test
    void aLoadCountsEveryByteAndKeyOfItsDataFiles() throws Exception {
        Path fixtures = Datasets.fixtures("kv");
        LoadProgress progress = LoadProgress.watched();
        assertEquals("0.0 MB read, 0 keys", progress.report());
        int keys = new DatasetReader(new DatasetLayout(fixtures), 100, progress).readKv(new SaveName("kv_fixture"))
                .stream().mapToInt(KvSnapshot::size).sum();
        assertEquals(14, keys);
        assertEquals(keys, progress.keysParsed());
        long total = dataBytes(fixtures.resolve("kv_fixture"));
        assertEquals(total, progress.totalBytes());
        assertEquals(total, progress.bytesRead());
        assertTrue(progress.report().endsWith(" MB read (" + progress.files() + " data file" + (progress.files() == 1 ? "" : "s")
                + "), 14 keys"), progress.report());
    }

    @Test
    void sessionKeysAreCountedToo() throws Exception {
        LoadProgress progress = LoadProgress.watched();
        new DatasetReader(new DatasetLayout(Datasets.fixtures("sessions")), 100, progress).readSessions(new SaveName("sessions_fixture"));
        assertEquals(10, progress.keysParsed());
    }

    @Test
    void anUnwatchedLoadCountsNothing() throws Exception {
        new DatasetReader(new DatasetLayout(Datasets.fixtures("kv")), 100, LoadProgress.NONE).readKv(new SaveName("kv_fixture"));
        assertEquals(0, LoadProgress.NONE.keysParsed());
        assertEquals(0, LoadProgress.NONE.bytesRead());
    }

    private static long dataBytes(Path name) throws IOException {
        try (Stream<Path> files = Files.walk(name)) {
            return files.filter(path -> path.getParent().getFileName().toString().equals("data") && Files.isRegularFile(path))
                    .mapToLong(path -> path.toFile().length()).sum();
        }
    }
}
