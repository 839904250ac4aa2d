package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.ConcurrentClients;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * KV mode's key space writes single keys without its lock; these tests race such writes against
 * readers of several keys and against lock holders, which must never see one of them half done
 * or overlapping.
 */
@ChildServersOnly
class LockFreeWritesTest {

    private static final int WRITES = 20_000;

    /**
     * One client writes a = i, then b = i, each with its own single-key KV_SET. A consistent
     * snapshot therefore never holds b > a; reading a before b without checking for writes in
     * between does, as soon as both writes fall between the two reads.
     */
    @Test
    void readsOfSeveralKeysAreSnapshotsOfSingleKeyWrites() throws Exception {
        KeySpace keySpace = new KeySpace();
        keySpace.setAll(pair(0));
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Callable<Integer>> tasks = new ArrayList<>();
        tasks.add(() -> {
            try {
                for (int i = 1; i <= WRITES; i++) {
                    keySpace.setAll(one("a", i));
                    keySpace.setAll(one("b", i));
                }
                return WRITES;
            } finally {
                writing.set(false);
            }
        });
        for (int r = 0; r < 3; r++) {
            tasks.add(() -> {
                int reads = 0;
                do {
                    JsonValue[] values = keySpace.getAll(List.of("a", "b"));
                    int a = ((JsonNumber) values[0]).intValue();
                    int b = ((JsonNumber) values[1]).intValue();
                    assertTrue(b <= a && a <= b + 1, "not a snapshot: a=" + a + ", b=" + b);
                    reads++;
                } while (writing.get());
                return reads;
            });
        }
        runAll(tasks);
        assertEquals(WRITES, ((JsonNumber) keySpace.get("b")).intValue());
    }

    /** Exclusive and shared lock holders see no single-key write land while they hold the lock. */
    @Test
    void lockHoldersNeverRunBesideSingleKeyWrites() throws Exception {
        KeySpace keySpace = new KeySpace();
        keySpace.setAll(one("a", 0));
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int base = w * WRITES;
            tasks.add(() -> {
                try {
                    for (int i = 1; i <= WRITES; i++) {
                        keySpace.setAll(one("a", base + i));
                        keySpace.removeAll(List.of("gone"));
                        keySpace.addAbsent(one("a", -1));
                    }
                    return WRITES;
                } finally {
                    writing.set(false);
                }
            });
        }
        tasks.add(() -> holdLock(writing, writer -> keySpace.write(writer::apply)));
        tasks.add(() -> holdLock(writing, reader -> keySpace.read(reader::apply)));
        runAll(tasks);
        assertTrue(((JsonNumber) keySpace.get("a")).intValue() > 0, "a PUT_IF_ABSENT replaced a value");
    }

    /**
     * Writers add and remove the same few keys at once: whoever holds the lock sees each key
     * listed once, with its value, and so does the end.
     */
    @Test
    void theKeyOrderAgreesWithTheMapWhateverSingleKeyWritesRace() throws Exception {
        KeySpace keySpace = new KeySpace();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int seed = w;
            tasks.add(() -> {
                try {
                    for (int i = 0; i < WRITES; i++) {
                        String key = "k" + ((i * 7 + seed) % 12);
                        switch ((i + seed) % 3) {
                            case 0 -> keySpace.setAll(one(key, i));
                            case 1 -> keySpace.addAbsent(one(key, i));
                            default -> keySpace.removeAll(List.of(key));
                        }
                    }
                    return WRITES;
                } finally {
                    writing.set(false);
                }
            });
        }
        tasks.add(() -> {
            int checks = 0;
            do {
                checks += keySpace.read(LockFreeWritesTest::assertOrderMatchesMap);
            } while (writing.get());
            return checks;
        });
        runAll(tasks);
        keySpace.read(LockFreeWritesTest::assertOrderMatchesMap);
        assertEquals(keySpace.count(), keySpace.keys().size());
    }

    /** The ordered view lists each key of the map once, with its value. */
    private static int assertOrderMatchesMap(Map<String, JsonValue> content) {
        Set<String> listed = new HashSet<>();
        content.forEach((key, value) -> {
            assertTrue(listed.add(key), () -> key + " is listed twice");
            assertTrue(value != null, () -> key + " is listed but not stored");
        });
        assertEquals(content.size(), listed.size(), "a stored key is not listed");
        return 1;
    }

    /** A single-key write after the close fails like any other operation, lock or no lock. */
    @Test
    void singleKeyWritesFailOnceClosed() {
        KeySpace keySpace = new KeySpace();
        keySpace.setAll(one("a", 1));
        keySpace.close();
        assertSame(KeySpace.Closed.class, failure(() -> keySpace.setAll(one("a", 2))));
        assertSame(KeySpace.Closed.class, failure(() -> keySpace.addAbsent(one("b", 2))));
        assertSame(KeySpace.Closed.class, failure(() -> keySpace.removeAll(List.of("a"))));
    }

    private interface LockedAccess {
        Integer run(Function<Map<String, JsonValue>, Integer> action);
    }

    /** Repeatedly reads "a" twice under the lock, with a pause between, and expects the same value. */
    private static int holdLock(AtomicBoolean writing, LockedAccess access) {
        int held = 0;
        do {
            held += access.run(map -> {
                JsonValue first = map.get("a");
                for (int spin = 0; spin < 200; spin++) {
                    Thread.onSpinWait();
                }
                assertEquals(first, map.get("a"), "a single-key write landed while the lock was held");
                return 1;
            });
        } while (writing.get());
        return held;
    }

    private static Class<?> failure(Runnable operation) {
        try {
            operation.run();
            return null;
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    private static void runAll(List<Callable<Integer>> tasks) throws Exception {
        for (int done : ConcurrentClients.runAll(Duration.ofSeconds(120), tasks)) {
            assertTrue(done > 0, "a task did nothing");
        }
    }

    private static JsonObject one(String key, int value) {
        return Json.createObjectBuilder().add(key, value).build();
    }

    private static JsonObject pair(int value) {
        return Json.createObjectBuilder().add("a", value).add("b", value).build();
    }
}
