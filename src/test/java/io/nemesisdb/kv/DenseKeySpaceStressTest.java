package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.ConcurrentClients;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * Atomicity and isolation over the dense table while its shape changes under the readers: pairs
 * {a: i, b: i} written in one command are never seen torn, by readers of both keys and by readers
 * of the whole content, while other writers add and remove keys (growing the index, moving
 * entries by swap-remove) and overwrite single keys without the lock.
 */
@ChildServersOnly
class DenseKeySpaceStressTest {

    private static final int ROUNDS = 20_000;

    @Test
    void pairsWrittenInOneCommandAreNeverSeenTorn() throws Exception {
        for (KeySpace keySpace : List.of(new KeySpace(), new KeySpace(2))) {
            keySpace.setAll(pair(0));
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Callable<Integer>> tasks = new ArrayList<>();
            tasks.add(() -> {
                try {
                    for (int i = 1; i <= ROUNDS; i++) {
                        keySpace.setAll(pair(i));
                    }
                    return ROUNDS;
                } finally {
                    writing.set(false);
                }
            });
            tasks.add(() -> {
                int i = 0;
                do {
                    String key = "other" + (i % 3000);
                    if (i++ % 5 == 4) {
                        keySpace.removeAll(List.of(key));
                    } else {
                        keySpace.setAll(Json.createObjectBuilder().add(key, i).build());
                    }
                } while (writing.get());
                return i;
            });
            tasks.add(() -> {
                int reads = 0;
                do {
                    JsonValue[] values = keySpace.getAll(List.of("a", "b"));
                    assertEquals(number(values[0]), number(values[1]), "torn pair");
                    assertTrue(keySpace.get("a") != null, "a vanished");
                    reads++;
                } while (writing.get());
                return reads;
            });
            tasks.add(() -> {
                int reads = 0;
                do {
                    int[] pair = keySpace.read(content -> new int[] {number(content.get("a")), number(content.get("b"))});
                    assertEquals(pair[0], pair[1], "torn pair under the shared lock");
                    reads++;
                } while (writing.get());
                return reads;
            });
            for (int done : ConcurrentClients.runAll(Duration.ofSeconds(120), tasks)) {
                assertTrue(done > 0, "a task did nothing");
            }
            assertEquals(ROUNDS, number(keySpace.get("b")));
            assertEquals(keySpace.count(), keySpace.keys().size());
        }
    }

    private static int number(JsonValue value) {
        return ((JsonNumber) value).intValue();
    }

    private static JsonObject pair(int value) {
        return Json.createObjectBuilder().add("a", value).add("b", value).build();
    }
}
