package io.nemesisdb.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.nemesisdb.json.JsonText;
import io.nemesisdb.session.SharedToken;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer and the reader without a server: exact values, file splitting, failures half-way, the sessions format. */
class SnapshotRoundTripTest {

    @TempDir
    Path root;

    private DatasetLayout layout;
    private final SaveClock clock = new SaveClock();

    @BeforeEach
    void layout() {
        layout = new DatasetLayout(root);
    }

    @Test
    void loneSurrogatesAndNonAsciiComeBackAsTheSameStrings() throws Exception {
        String[] keys = {"s\ud800", "emoji 😀", "\udc00", ""};
        JsonValue[] values = {Datasets.parseExact("\"x\\udc00y\\ud83d\""), Datasets.parseExact("\"中文 ✓ é\""),
                Datasets.parseExact("[\"\\ud83d\\ude00\",\"\\udbff\"]"), Datasets.parseExact("18446744073709551616")};
        write("s", new KvSnapshot(keys, values), 1 << 20);
        List<KvSnapshot> parts = new DatasetReader(layout, 100).readKv(new SaveName("s"));
        assertEquals(1, parts.size());
        assertArrayEquals(keys, parts.get(0).keys());
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], parts.get(0).values()[i]);
            assertEquals(JsonText.toJson(values[i]), JsonText.toJson(parts.get(0).values()[i]));
        }
    }

    @Test
    void largeDatasetsSpanFilesOfAtMostTheLimitEachAValidDocument() throws Exception {
        int count = 5000;
        String[] keys = new String[count];
        JsonValue[] values = new JsonValue[count];
        for (int i = 0; i < count; i++) {
            keys[i] = "key-" + i;
            values[i] = Datasets.parseExact("{\"i\":" + i + ",\"text\":\"" + "ü".repeat(i % 50) + "\"}");
        }
        int limit = 16 * 1024;
        Path dir = write("multi", new KvSnapshot(keys, values), limit);
        List<Path> files = dataFiles(dir);
        assertTrue(files.size() > 10, "files: " + files.size());
        for (Path file : files) {
            assertTrue(Files.size(file) <= limit, file + " has " + Files.size(file) + " bytes");
            String text = Datasets.read(file);
            assertTrue(text.startsWith("{\"keys\":{") && text.endsWith("}}"));
            Datasets.parseExact(text);
        }
        List<KvSnapshot> parts = new DatasetReader(layout, 100).readKv(new SaveName("multi"));
        assertEquals(files.size(), parts.size());
        List<String> readKeys = new ArrayList<>();
        List<JsonValue> readValues = new ArrayList<>();
        parts.forEach(p -> {
            readKeys.addAll(List.of(p.keys()));
            readValues.addAll(List.of(p.values()));
        });
        assertEquals(List.of(keys), readKeys);
        assertEquals(List.of(values), readValues);
    }

    /** What a grid store hands the writer: batches fetched one at a time, written as one dataset that reads back whole. */
    @Test
    void keysInBatchesAreSavedAsOneDataset() throws Exception {
        List<KvSnapshot> batches = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            String[] names = {"b" + batch + "-x", "b" + batch + "-y"};
            batches.add(new KvSnapshot(names, new JsonValue[] {Datasets.parseExact("[" + batch + "]"), JsonValue.NULL}));
            keys.addAll(List.of(names));
        }
        write("batched", BatchedSnapshot.ofKeys(batches.iterator()), 64);
        List<String> read = new ArrayList<>();
        new DatasetReader(layout, 100).readKv(new SaveName("batched")).forEach(part -> read.addAll(List.of(part.keys())));
        assertEquals(keys, read);
    }

    @Test
    void anEntryLargerThanTheLimitGetsAFileOfItsOwn() throws Exception {
        String[] keys = {"small1", "huge", "small2"};
        JsonValue[] values = {Datasets.parseExact("1"), Datasets.parseExact("\"" + "x".repeat(10_000) + "\""), Datasets.parseExact("2")};
        Path dir = write("huge", new KvSnapshot(keys, values), 1000);
        List<Path> files = dataFiles(dir);
        assertEquals(3, files.size());
        assertEquals("{\"keys\":{\"small1\":1}}", Datasets.read(files.get(0)));
        assertEquals("{\"keys\":{\"small2\":2}}", Datasets.read(files.get(2)));
        assertEquals(3, new DatasetReader(layout, 100).readKv(new SaveName("huge")).stream().mapToInt(KvSnapshot::size).sum());
    }

    @Test
    void aSaveFailingHalfWayLeavesNoTraceAndEarlierDatasetsIntact() throws Exception {
        KvSnapshot earlier = new KvSnapshot(new String[] {"a"}, new JsonValue[] {Datasets.parseExact("\"earlier\"")});
        Path earlierDir = write("ds", earlier, 1 << 20);
        List<Path> before = tree(root);
        SnapshotWriter writer = new SnapshotWriter(layout, 64);
        SaveName name = new SaveName("ds");
        long ts = clock.next();
        writer.prepare(name, ts);
        Snapshot failing = new Snapshot() {
            @Override
            public DataFormat format() {
                return DataFormat.KV;
            }

            @Override
            public void writeTo(DataFileWriter out) throws IOException {
                for (int i = 0; i < 100; i++) {
                    out.add(new JsonText(16).ascii("\"k" + i + "\":" + i));
                }
                throw new IOException("No space left on device");
            }
        };
        assertThrows(IOException.class, () -> writer.write(name, ts, System.currentTimeMillis(), failing));
        writer.discard(name, ts);
        assertEquals(before, tree(root));
        assertTrue(Files.isDirectory(earlierDir));
        List<KvSnapshot> parts = new DatasetReader(layout, 100).readKv(name);
        assertEquals("earlier", ((jakarta.json.JsonString) parts.get(0).values()[0]).getString());
    }

    @Test
    void aStagingDirectoryLeftByACrashIsNeverLoaded() throws Exception {
        KvSnapshot earlier = new KvSnapshot(new String[] {"a"}, new JsonValue[] {Datasets.parseExact("1")});
        write("crash", earlier, 1 << 20);
        SnapshotWriter writer = new SnapshotWriter(layout, 1 << 20);
        SaveName name = new SaveName("crash");
        long ts = clock.next();
        writer.prepare(name, ts);
        Path staging = layout.stagingDir(name, ts);
        Files.writeString(DatasetLayout.mdFile(staging),
                "{\"name\":\"crash\",\"version\":2,\"status\":1,\"start\":1,\"complete\":2,\"saveDataType\":0}");
        Files.writeString(DatasetLayout.dataFile(staging, 0), "{\"keys\":{\"a\":2}}");
        List<KvSnapshot> parts = new DatasetReader(layout, 100).readKv(name);
        assertEquals("1", JsonText.toJson(parts.get(0).values()[0]));
    }

    @Test
    void sessionsRoundTripWithTokensAboveTwoToThe63AndExpirySettings() throws Exception {
        List<SavedSession> sessions = List.of(
                new SavedSession(-1L, false, null, 0, false, new String[] {"a", "big"},
                        new JsonValue[] {Datasets.parseExact("{\"x\":[1,2]}"), Datasets.parseExact("123456789012345678901234567890")}),
                new SavedSession(SharedToken.of("room-551618"), true, "room-551618", 3600, true, new String[0], new JsonValue[0]),
                new SavedSession(42, false, null, 5, false, new String[] {"ü"}, new JsonValue[] {Datasets.parseExact("\"✓\"")}));
        Path dir = write("sessions", new SessionsSnapshot(sessions), 1 << 20);
        String text = Datasets.read(dir.resolve("data/0"));
        assertTrue(text.startsWith("[{\"sh\":{\"tkn\":18446744073709551615,\"shared\":false,\"expiry\":{\"duration\":0,\"deleteSession\":false}},\"keys\":{\"a\":"), text);
        assertTrue(Datasets.read(dir.resolve("md/md.json")).endsWith(",\"saveDataType\":1," + Datasets.dataFilesMember(dir) + "}"));
        assertTrue(text.contains(",{\"sh\":{\"tkn\":5436266092968263419,\"shared\":true,\"name\":\"room-551618\",\"expiry\":{"), text);
        List<SavedSession> read = new DatasetReader(layout, 100).readSessions(new SaveName("sessions"));
        assertEquals(3, read.size());
        for (int i = 0; i < 3; i++) {
            SavedSession expected = sessions.get(i);
            SavedSession got = read.get(i);
            assertEquals(expected.token(), got.token());
            assertEquals(expected.shared(), got.shared());
            assertEquals(expected.name(), got.name());
            assertEquals(expected.durationSeconds(), got.durationSeconds());
            assertEquals(expected.deleteSession(), got.deleteSession());
            assertArrayEquals(expected.keys(), got.keys());
            assertArrayEquals(expected.values(), got.values());
        }
        DatasetException wrongMode = assertThrows(DatasetException.class, () -> new DatasetReader(layout, 100).readKv(new SaveName("sessions")));
        assertTrue(wrongMode.getMessage().contains("sessions mode"), wrongMode.getMessage());
    }

    @Test
    void the064SessionsFixturesReadWithEveryTokenAndSetting() throws Exception {
        DatasetLayout fixtures = new DatasetLayout(Datasets.fixtures("sessions"));
        List<SavedSession> all = new DatasetReader(fixtures, 100).readSessions(new SaveName("sessions_fixture"));
        assertEquals(4, all.size());
        assertEquals("10174145519947326374", Long.toUnsignedString(all.get(0).token()));
        assertEquals("15992824868599950585", Long.toUnsignedString(all.get(1).token()));
        assertTrue(all.get(1).shared());
        assertNull(all.get(1).name(), "0.6.4 keeps no names");
        assertEquals(3600, all.get(2).durationSeconds());
        assertFalse(all.get(2).deleteSession());
        assertEquals(0, all.get(3).keyCount());
        assertEquals(10, all.stream().mapToInt(SavedSession::keyCount).sum());
        assertEquals("12345678901234567890", JsonText.toJson(all.get(1).values()[1]));
        List<SavedSession> subset = new DatasetReader(fixtures, 100).readSessions(new SaveName("sessions_subset"));
        assertEquals(2, subset.size());
    }

    @Test
    void corruptSessionFilesAreRejected() throws Exception {
        for (String bad : List.of("[{\"sh\":{\"tkn\":-1,\"shared\":false,\"expiry\":{\"duration\":0,\"deleteSession\":false}},\"keys\":{}}]",
                "[{\"sh\":{\"tkn\":18446744073709551616,\"shared\":false,\"expiry\":{\"duration\":0,\"deleteSession\":false}},\"keys\":{}}]",
                "[{\"sh\":{\"tkn\":1,\"shared\":\"no\",\"expiry\":{\"duration\":0,\"deleteSession\":false}},\"keys\":{}}]",
                "[{\"sh\":{\"tkn\":1,\"shared\":false,\"expiry\":{\"duration\":1.5,\"deleteSession\":false}},\"keys\":{}}]",
                "[{\"sh\":{\"tkn\":1,\"shared\":false,\"expiry\":{\"duration\":0,\"deleteSession\":false}}}]",
                "[{\"keys\":{}}]", "[1]", "{\"keys\":{}}", "[",
                // a name that is not a non-empty string, on a session not shared, or that does not derive the token
                "[{\"sh\":{\"tkn\":5436266092968263419,\"shared\":true,\"name\":1,\"expiry\":{\"duration\":0,\"deleteSession\":false}},\"keys\":{}}]",
                "[{\"sh\":{\"tkn\":5436266092968263419,\"shared\":true,\"name\":\"\",\"expiry\":{\"duration\":0,\"deleteSession\":false}},\"keys\":{}}]",
                "[{\"sh\":{\"tkn\":5436266092968263419,\"shared\":false,\"name\":\"room-551618\",\"expiry\":{\"duration\":0,\"deleteSession\":false}},\"keys\":{}}]",
                "[{\"sh\":{\"tkn\":5436266092968263419,\"shared\":true,\"name\":\"room-1\",\"expiry\":{\"duration\":0,\"deleteSession\":false}},\"keys\":{}}]")) {
            Path dir = write("badsessions", new SessionsSnapshot(List.of()), 1 << 20);
            Files.writeString(dir.resolve("data/0"), bad);
            assertThrows(DatasetException.class, () -> new DatasetReader(layout, 100).readSessions(new SaveName("badsessions")), bad);
            Datasets.delete(root.resolve("badsessions"));
        }
    }

    private Path write(String name, Snapshot snapshot, long limit) throws IOException {
        SnapshotWriter writer = new SnapshotWriter(layout, limit);
        long ts = clock.next();
        writer.prepare(new SaveName(name), ts);
        return writer.write(new SaveName(name), ts, System.currentTimeMillis(), snapshot).dir();
    }

    private static List<Path> dataFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            return files.sorted((a, b) -> Integer.compare(Integer.parseInt(a.getFileName().toString()),
                    Integer.parseInt(b.getFileName().toString()))).toList();
        }
    }

    private static List<Path> tree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.sorted().toList();
        }
    }
}
