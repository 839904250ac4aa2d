package io.nemesisdb.persist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.nemesisdb.json.JsonText;
import io.nemesisdb.kv.KeySpace;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Save and load throughput of the persistence layer, without the network: 1,000,000 KV keys of
 * about 200-byte JSON values, and 100,000 sessions of 10 keys. Each round also times the CRC32C
 * of the saved data files alone (already in memory, in the 64 KiB chunks a load reads), which a
 * save and a load each compute once: the checksum's share of their cost. Not part of the test run:
 *
 * <pre>
 * ./mvnw -q -B -DskipTests test-compile
 * java -cp "target/test-classes:target/classes:target/libs/*" io.nemesisdb.persist.PersistBenchmark [dir] [rounds] [all|kv|sessions] [keep]
 * </pre>
 */
public final class PersistBenchmark {

    private PersistBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/benchmark-persist").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String which = args.length > 2 ? args[2] : "all";
        boolean keep = args.length > 3 && args[3].equals("keep");
        Datasets.delete(dir);
        Files.createDirectories(dir);
        DatasetLayout layout = new DatasetLayout(dir);
        SaveClock clock = new SaveClock();

        if (!which.equals("sessions")) {
            benchmarkKv(layout, clock, rounds);
        }
        if (!which.equals("kv")) {
            benchmarkSessions(layout, clock, rounds);
        }
        if (keep) {
            System.out.println("datasets kept in " + dir + " (kv1.., sh1..): start a server with nemesis.load.name to time a start-up load");
        } else {
            Datasets.delete(dir);
        }
    }

    private static JsonValue template() {
        return Datasets.parseExact("{\"id\":0,\"name\":\"user name 0\",\"email\":\"user0@example.com\","
                + "\"score\":12.75,\"active\":true,\"tags\":[\"alpha\",\"beta\",\"gamma\"],\"address\":{\"city\":\"Zürich\",\"zip\":\"8001\"},"
                + "\"note\":\"lorem ipsum dolor sit amet consectetur\"}");
    }

    private static void benchmarkKv(DatasetLayout layout, SaveClock clock, int rounds) throws Exception {
        JsonValue template = template();
        KeySpace keySpace = new KeySpace();
        keySpace.write(map -> {
            for (int i = 0; i < 1_000_000; i++) {
                map.put("key:" + i, value(template, i));
            }
            return null;
        });
        System.out.printf("KV: 1,000,000 keys, value %d bytes%n", JsonText.toJson(value(template, 123456)).length());
        for (int round = 1; round <= rounds; round++) {
            int loaded = round("KV round " + round, layout, clock, new SaveName("kv" + round), () -> KvSnapshot.of(keySpace), name -> {
                List<KvSnapshot> parts = new DatasetReader(layout, 1000).readKv(name);
                mark(3);
                KeySpace target = new KeySpace();
                target.write(map -> {
                    parts.forEach(p -> p.putInto(map));
                    return null;
                });
                return target.count();
            });
            if (loaded != 1_000_000) {
                throw new AssertionError("loaded " + loaded);
            }
        }
    }

    private static void benchmarkSessions(DatasetLayout layout, SaveClock clock, int rounds) throws Exception {
        JsonValue template = template();
        List<SavedSession> sessions = new ArrayList<>();
        for (int s = 0; s < 100_000; s++) {
            String[] keys = new String[10];
            JsonValue[] values = new JsonValue[10];
            for (int k = 0; k < 10; k++) {
                keys[k] = "k" + k;
                values[k] = value(template, s * 10 + k);
            }
            sessions.add(new SavedSession(0x8000000000000000L + s, s % 10 == 0, null, s % 3 == 0 ? 3600 : 0, false, keys, values));
        }
        System.out.println("sessions: 100,000 sessions x 10 keys");
        for (int round = 1; round <= rounds; round++) {
            int loaded = round("sessions round " + round, layout, clock, new SaveName("sh" + round), () -> new SessionsSnapshot(sessions), name -> {
                List<SavedSession> read = new DatasetReader(layout, 1000).readSessions(name);
                mark(3);
                Map<Long, Map<String, JsonValue>> restored = new ConcurrentHashMap<>();
                for (SavedSession session : read) {
                    Map<String, JsonValue> keys = new HashMap<>();
                    for (int i = 0; i < session.keyCount(); i++) {
                        keys.put(session.keys()[i], session.values()[i]);
                    }
                    restored.put(session.token(), keys);
                }
                return restored.size();
            });
            if (loaded != 100_000) {
                throw new AssertionError("restored " + loaded);
            }
        }
    }

    /** Reads and applies a dataset, returning how many keys or sessions it stored; calls {@code mark(3)} between the two. */
    @FunctionalInterface
    private interface Load {
        int run(SaveName name) throws Exception;
    }

    /** One timed save (snapshot, write) and load (read and parse, apply); returns what the load counted. */
    private static int round(String label, DatasetLayout layout, SaveClock clock, SaveName name,
                             java.util.function.Supplier<Snapshot> snapshotter, Load load) throws Exception {
        long t0 = mark(0);
        Snapshot snapshot = snapshotter.get();
        long t1 = mark(1);
        long ts = clock.next();
        SnapshotWriter writer = new SnapshotWriter(layout, SnapshotWriter.DEFAULT_MAX_FILE_BYTES);
        writer.prepare(name, ts);
        SnapshotWriter.Written written = writer.write(name, ts, System.currentTimeMillis(), snapshot);
        long t2 = mark(2);
        int count = load.run(name);
        long t3 = wallAtMark3;
        long t4 = mark(4);
        report(label, written.bytes(), written.files(), t0, t1, t2, t3, t4);
        System.out.printf("  CRC32C of the data files alone: %.1f ms (best of 5), %.1f ms (median)%n",
                checksumMillis(written.dir(), true), checksumMillis(written.dir(), false));
        return count;
    }

    private static long checksumSink;

    /** The CRC32C of every data file of the save in {@code dir}, computed from memory: best or median of 5. */
    private static double checksumMillis(Path dir, boolean best) throws java.io.IOException {
        List<byte[]> files = new ArrayList<>();
        try (java.util.stream.Stream<Path> entries = Files.list(dir.resolve("data"))) {
            for (Path file : entries.toList()) {
                files.add(Files.readAllBytes(file));
            }
        }
        long[] nanos = new long[5];
        for (int run = 0; run < nanos.length; run++) {
            long start = System.nanoTime();
            for (byte[] bytes : files) {
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                for (int at = 0; at < bytes.length; at += 64 * 1024) {
                    crc.update(bytes, at, Math.min(64 * 1024, bytes.length - at));
                }
                checksumSink ^= crc.getValue();
            }
            nanos[run] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        return (best ? nanos[0] : nanos[nanos.length / 2]) / 1e6;
    }

    /** The template with record {@code i}'s id, name and email, read from JSON text as the server reads a stored value. */
    private static JsonValue value(JsonValue template, int i) {
        JsonObject object = (JsonObject) template;
        JsonObject record = jakarta.json.Json.createObjectBuilder(object)
                .add("id", new io.nemesisdb.json.LiteralNumber(Integer.toString(i)))
                .add("name", "user name " + i)
                .add("email", "user" + i + "@example.com")
                .build();
        return Datasets.parseExact(JsonText.toJson(record));
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final long[] CPU = new long[5];

    /** Wall-clock time, remembering the process's CPU time at the same moment as mark {@code i}. */
    private static long wallAtMark3;

    private static long mark(int i) {
        CPU[i] = OS.getProcessCpuTime();
        long now = System.nanoTime();
        if (i == 3) {
            wallAtMark3 = now;
        }
        return now;
    }

    private static void report(String what, long bytes, int files, long t0, long t1, long t2, long t3, long t4) {
        double mbCpu = bytes / 1e6;
        System.out.printf("  CPU time: save %.0f ms (%.0f MB per CPU-second), load %.0f ms (%.0f MB per CPU-second)%n",
                (CPU[2] - CPU[0]) / 1e6, mbCpu / ((CPU[2] - CPU[0]) / 1e9), (CPU[4] - CPU[2]) / 1e6, mbCpu / ((CPU[4] - CPU[2]) / 1e9));
        double mb = bytes / 1e6;
        double snapshotMs = (t1 - t0) / 1e6;
        double writeMs = (t2 - t1) / 1e6;
        double parseMs = (t3 - t2) / 1e6;
        double applyMs = (t4 - t3) / 1e6;
        System.out.printf("%s: %.1f MB in %d files; snapshot %.0f ms, write+fsync %.0f ms -> save %.0f MB/s; "
                        + "read+parse %.0f ms, apply %.0f ms -> load %.0f MB/s%n",
                what, mb, files, snapshotMs, writeMs, mb / ((snapshotMs + writeMs) / 1000), parseMs, applyMs,
                mb / ((parseMs + applyMs) / 1000));
    }
}
