package io.nemesisdb.persist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.nemesisdb.kv.KeySpace;
import io.nemesisdb.protocol.JsonText;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Save and load throughput of the persistence layer, without the network: 1,000,000 KV keys of
 * about 200-byte JSON values, and 100,000 sessions of 10 keys. Not part of the test run:
 *
 * <pre>
 * ./mvnw -q -B -DskipTests test-compile
 * java -cp "target/test-classes:target/classes:target/libs/*" io.nemesisdb.persist.PersistBenchmark [dir] [rounds]
 * </pre>
 */
public final class PersistBenchmark {

    private PersistBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/benchmark-persist").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String which = args.length > 2 ? args[2] : "all";
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
        Datasets.delete(dir);
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
            SaveName name = new SaveName("kv" + round);
            long t0 = mark(0);
            KvSnapshot snapshot = KvSnapshot.of(keySpace);
            long t1 = mark(1);
            long ts = clock.next();
            SnapshotWriter writer = new SnapshotWriter(layout, SnapshotWriter.DEFAULT_MAX_FILE_BYTES);
            writer.prepare(name, ts);
            SnapshotWriter.Written written = writer.write(name, ts, System.currentTimeMillis(), snapshot);
            long t2 = mark(2);
            List<KvSnapshot> parts = new DatasetReader(layout, 1000).readKv(name);
            long t3 = mark(3);
            KeySpace target = new KeySpace();
            target.write(map -> {
                parts.forEach(p -> p.putInto(map));
                return null;
            });
            long t4 = mark(4);
            report("KV round " + round, written.bytes(), written.files(), t0, t1, t2, t3, t4);
            if (target.count() != 1_000_000) {
                throw new AssertionError("loaded " + target.count());
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
            sessions.add(new SavedSession(0x8000000000000000L + s, s % 10 == 0, s % 3 == 0 ? 3600 : 0, false, keys, values));
        }
        System.out.println("sessions: 100,000 sessions x 10 keys");
        for (int round = 1; round <= rounds; round++) {
            SaveName name = new SaveName("sh" + round);
            long t0 = mark(0);
            SessionsSnapshot snapshot = new SessionsSnapshot(sessions);
            long t1 = mark(1);
            long ts = clock.next();
            SnapshotWriter writer = new SnapshotWriter(layout, SnapshotWriter.DEFAULT_MAX_FILE_BYTES);
            writer.prepare(name, ts);
            SnapshotWriter.Written written = writer.write(name, ts, System.currentTimeMillis(), snapshot);
            long t2 = mark(2);
            List<SavedSession> read = new DatasetReader(layout, 1000).readSessions(name);
            long t3 = mark(3);
            Map<Long, Map<String, JsonValue>> restored = new ConcurrentHashMap<>();
            for (SavedSession session : read) {
                Map<String, JsonValue> keys = new HashMap<>();
                for (int i = 0; i < session.keyCount(); i++) {
                    keys.put(session.keys()[i], session.values()[i]);
                }
                restored.put(session.token(), keys);
            }
            long t4 = mark(4);
            report("sessions round " + round, written.bytes(), written.files(), t0, t1, t2, t3, t4);
            if (restored.size() != 100_000) {
                throw new AssertionError("restored " + restored.size());
            }
        }
    }

    private static JsonValue value(JsonValue template, int i) {
        JsonObject object = (JsonObject) template;
        return jakarta.json.Json.createObjectBuilder(object)
                .add("id", new io.nemesisdb.protocol.LiteralNumber(Integer.toString(i)))
                .add("name", "user name " + i)
                .add("email", "user" + i + "@example.com")
                .build();
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final long[] CPU = new long[5];

    /** Wall-clock time, remembering the process's CPU time at the same moment as mark {@code i}. */
    private static long mark(int i) {
        CPU[i] = OS.getProcessCpuTime();
        return System.nanoTime();
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
