package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.nemesisdb.support.ConcurrentClients;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import org.junit.jupiter.api.Test;

/**
 * The lock a private key space (a session's) keeps in one field ({@link LockedTable}): writers
 * exclude each other and the readers, and a writer gets through readers that overlap without end.
 */
class PrivateKeySpaceLockTest {

    @Test
    void writersExcludeEachOtherAndTheReaders() throws Exception {
        KeySpace keySpace = new KeySpace(2);
        keySpace.setAll(Json.createObjectBuilder().add("n", 0).build());
        AtomicInteger inside = new AtomicInteger();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int writer = 0; writer < 3; writer++) {
            tasks.add(() -> {
                for (int i = 0; i < 5_000; i++) {
                    keySpace.write(map -> {
                        assertEquals(0, inside.getAndAdd(1000), "a writer beside another holder");
                        // a read-modify-write that loses updates unless writers exclude each other
                        map.put("n", Json.createValue(((JsonNumber) map.get("n")).intValue() + 1));
                        inside.addAndGet(-1000);
                        return null;
                    });
                }
                return 1;
            });
        }
        for (int reader = 0; reader < 3; reader++) {
            tasks.add(() -> {
                for (int i = 0; i < 5_000; i++) {
                    keySpace.read(map -> {
                        assertTrue(inside.incrementAndGet() < 1000, "a reader beside a writer");
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                        return null;
                    });
                }
                return 1;
            });
        }
        ConcurrentClients.runAll(Duration.ofSeconds(60), tasks);
        assertEquals(15_000, ((JsonNumber) keySpace.get("n")).intValue());
    }

    @Test
    void aWriterGetsThroughOverlappingReaders() throws Exception {
        KeySpace keySpace = new KeySpace(2);
        AtomicBoolean reading = new AtomicBoolean(true);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int reader = 0; reader < 3; reader++) {
            tasks.add(() -> {
                int reads = 0;
                while (reading.get()) {
                    keySpace.read(map -> {
                        // holds the shared lock long enough that the readers' holds overlap
                        long until = System.nanoTime() + 200_000;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        return null;
                    });
                    reads++;
                }
                return reads;
            });
        }
        tasks.add(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    keySpace.setAll(Json.createObjectBuilder().add("k", i).build());
                }
                return 200;
            } finally {
                reading.set(false);
            }
        });
        for (int done : ConcurrentClients.runAll(Duration.ofSeconds(30), tasks)) {
            assertTrue(done > 0, "a task did nothing");
        }
        assertEquals(199, ((JsonNumber) keySpace.get("k")).intValue());
    }
}
