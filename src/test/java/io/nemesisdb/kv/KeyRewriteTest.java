package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.nemesisdb.protocol.Status;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/** Atomic single-key edits: no lost updates under contention, nothing written on rejection. */
class KeyRewriteTest {

    private static final int THREADS = 4;
    private static final int EDITS_PER_THREAD = 500;

    @Test
    void parallelIncrementsOfOneKeyAreNeverLost() throws Exception {
        KeySpace keySpace = new KeySpace();
        keySpace.setAll(Json.createObjectBuilder().add("counter", Json.createObjectBuilder().add("n", 0)).build());
        PointerUpdate increment = PointerUpdate.parse("/n", JsonValue.NULL);

        runInParallel(thread -> KeyRewrite.apply(keySpace, "counter", current -> {
            int n = ((JsonObject) current).getInt("n");
            return new KeyRewrite.Edit.Replace(
                    new PointerUpdate(increment.pointer(), increment.compiled(), Json.createValue(n + 1)).applyTo(current), 1);
        }));

        assertEquals(THREADS * EDITS_PER_THREAD, ((JsonObject) keySpace.get("counter")).getInt("n"));
    }

    @Test
    void parallelUpdatesOfDifferentMembersOfOneKeyAllSurvive() throws Exception {
        KeySpace keySpace = new KeySpace();
        var members = Json.createObjectBuilder();
        for (int t = 0; t < THREADS; t++) {
            members.add("t" + t, 0);
        }
        keySpace.setAll(Json.createObjectBuilder().add("doc", members).build());

        runInParallel(thread -> {
            PointerUpdate update = PointerUpdate.parse("/t" + thread, JsonValue.NULL);
            KeyRewrite.apply(keySpace, "doc", current -> {
                int n = ((JsonObject) current).getInt("t" + thread);
                JsonValue next = new PointerUpdate(update.pointer(), update.compiled(), Json.createValue(n + 1)).applyTo(current);
                return new KeyRewrite.Edit.Replace(next, 1);
            });
        });

        JsonObject doc = (JsonObject) keySpace.get("doc");
        for (int t = 0; t < THREADS; t++) {
            assertEquals(EDITS_PER_THREAD, ((JsonNumber) doc.get("t" + t)).intValue(), "member t" + t);
        }
    }

    @Test
    void rejectedEditWritesNothing() {
        KeySpace keySpace = new KeySpace();
        JsonArray original = Json.createArrayBuilder().add(1).build();
        keySpace.setAll(Json.createObjectBuilder().add("k", original).build());

        KeyRewrite.Edit edit = KeyRewrite.apply(keySpace, "k",
                current -> new KeyRewrite.Edit.Reject(Status.PATH_NOT_EXIST, "no"));

        assertInstanceOf(KeyRewrite.Edit.Reject.class, edit);
        assertEquals(original, keySpace.get("k"));
    }

    @Test
    void missingKeyIsKeyNotExist() {
        KeyRewrite.Edit edit = KeyRewrite.apply(new KeySpace(), "absent",
                current -> new KeyRewrite.Edit.Replace(current, 1));
        assertEquals(Status.KEY_NOT_EXIST, ((KeyRewrite.Edit.Reject) edit).status());
    }

    private interface PerThread {
        void edit(int thread);
    }

    private static void runInParallel(PerThread work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < EDITS_PER_THREAD; i++) {
                    work.edit(thread);
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
