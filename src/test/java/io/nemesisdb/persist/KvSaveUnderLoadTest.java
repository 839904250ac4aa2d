package io.nemesisdb.persist;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.json.JsonText;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A save of more than 10 MiB while another client keeps writing: the dataset spans several data
 * files of at most 10 MiB, and holds exactly the state at the save's start: every write
 * acknowledged before the save was sent, none sent after its 120 reply arrived.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/under-load")
class KvSaveUnderLoadTest {

    static final Path ROOT = Path.of("target/test-persist/under-load").toAbsolutePath();
    static final int PRELOADED = 40_000;

    @BeforeAll
    static void emptyPersistPath() throws Exception {
        Datasets.delete(ROOT);
    }

    @Test
    void savedDataIsTheStateAtTheStartAndSpansFilesOfAtMost10MiB() throws Exception {
        try (WsClient client = TestServer.connect(); WsClient writer = TestServer.connect()) {
            preload(client);
            AtomicLong sent = new AtomicLong();
            AtomicLong acked = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writing = new Thread(() -> {
                try {
                    for (long i = 1; !Thread.currentThread().isInterrupted(); i++) {
                        sent.set(i);
                        String reply = writer.request("{\"KV_SET\":{\"keys\":{\"counter\":" + i + ",\"w" + i + "\":" + i + "}}}");
                        if (Replies.status(reply, "KV_SET_RSP") != 1) {
                            throw new AssertionError(reply);
                        }
                        acked.set(i);
                    }
                } catch (Throwable e) {
                    if (!Thread.currentThread().isInterrupted()) {
                        failure.set(e);
                    }
                }
            });
            writing.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acked.get() < 50 && writing.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertNull(failure.get());
            assertTrue(acked.get() >= 50, "the writer got only " + acked.get() + " writes acknowledged");
            long ackedBeforeSave = acked.get();
            client.sendText("{\"KV_SAVE\":{\"name\":\"busy\"}}");
            assertReply("{\"KV_SAVE_RSP\":{\"st\":120,\"name\":\"busy\"}}", client.receiveText());
            long sentBefore120 = sent.get();
            long ackedAt120 = acked.get();
            assertEquals(121, Replies.status(client.receiveText(), "KV_SAVE_RSP"));
            long ackedAt121 = acked.get();
            writing.interrupt();
            writing.join(15_000);
            assertFalse(writing.isAlive(), "the writer still writes");
            assertNull(failure.get());

            Map<String, JsonValue> saved = new HashMap<>();
            for (KvSnapshot part : new DatasetReader(new DatasetLayout(ROOT), 1000).readKv(new SaveName("busy"))) {
                part.putInto(saved);
            }
            long counter = ((JsonNumber) saved.get("counter")).longValueExact();
            assertTrue(counter >= ackedBeforeSave, "acknowledged before the save: " + ackedBeforeSave + ", saved " + counter);
            assertTrue(counter <= sentBefore120, "sent after 120: " + sentBefore120 + ", saved " + counter);
            for (long i = 1; i <= sentBefore120 + 1; i++) {
                assertEquals(i <= counter, saved.containsKey("w" + i), "w" + i + " with counter " + counter);
            }
            assertEquals(PRELOADED + counter + 1, saved.size());
            System.out.printf("save under load: writes acknowledged during the save's background phase: %d%n", ackedAt121 - ackedAt120);

            List<Path> files = dataFiles(Datasets.onlySave(ROOT, "busy"));
            assertTrue(files.size() >= 2, "a dataset over 10 MiB spans files: " + files);
            long total = 0;
            for (Path file : files) {
                assertTrue(Files.size(file) <= 10L << 20, file + ": " + Files.size(file));
                total += Files.size(file);
            }
            assertTrue(total > 10L << 20, "dataset size " + total);

            client.request("{\"KV_CLEAR\":{}}");
            String loaded = client.request("{\"KV_LOAD\":{\"name\":\"busy\"}}");
            assertEquals(PRELOADED + counter + 1, Replies.body(loaded, "KV_LOAD_RSP").getInt("keys"));
            assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":" + (PRELOADED + counter + 1) + "}}", client.request("{\"KV_COUNT\":{}}"));
            String value = client.request("{\"KV_GET\":{\"keys\":[\"key-39999\"]}}");
            assertNotNull(value);
            assertEquals(JsonText.toJson(value(39999)), JsonText.toJson(
                    ((jakarta.json.JsonObject) Replies.body(value, "KV_GET_RSP").get("keys")).get("key-39999")));
        }
    }

    private static void preload(WsClient client) throws Exception {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < PRELOADED; i++) {
            if (batch.isEmpty()) {
                batch.append("{\"KV_SETQ\":{\"keys\":{");
            } else {
                batch.append(',');
            }
            batch.append("\"key-").append(i).append("\":");
            batch.append(JsonText.toJson(value(i)));
            if (i % 1000 == 999) {
                client.sendText(batch.append("}}}").toString());
                batch.setLength(0);
            }
        }
        assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":" + PRELOADED + "}}", client.request("{\"KV_COUNT\":{}}"));
    }

    private static JsonValue value(int i) {
        return Datasets.parseExact("{\"id\":" + i + ",\"name\":\"user " + i + " ünïcödé\",\"score\":" + i + ".5,\"big\":1844674407370955161" + i
                + ",\"text\":\"" + "lorem ipsum dolor sit amet ".repeat(10) + "\"}");
    }

    private static List<Path> dataFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            return files.sorted().toList();
        }
    }
}
