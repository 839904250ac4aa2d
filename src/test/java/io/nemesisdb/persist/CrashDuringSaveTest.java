package io.nemesisdb.persist;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.nemesisdb.json.JsonText;
import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * A server killed with SIGKILL while it writes a large save: the half-written save is never
 * loaded, and the earlier save of the same name loads, complete, in a new server.
 */
@ChildServersOnly
class CrashDuringSaveTest {

    static final Path WORK = Path.of("target/child-servers/crash").toAbsolutePath();
    static final int KEYS = 150_000;

    @Test
    void killedHalfWayThroughASaveTheEarlierDatasetStillLoads() throws Exception {
        Datasets.delete(WORK);
        Path persist = WORK.resolve("data");
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.persist.path", persist.toString()))) {
            try (WsClient client = WsClient.connect(server.awaitReady())) {
                fill(client, "first");
                assertReply("{\"KV_SAVE_RSP\":{\"st\":120,\"name\":\"ds\"}}", client.request("{\"KV_SAVE\":{\"name\":\"ds\"}}"));
                assertEquals(121, Replies.status(client.receiveText(), "KV_SAVE_RSP"));

                fill(client, "second");
                assertReply("{\"KV_SAVE_RSP\":{\"st\":120,\"name\":\"ds\"}}", client.request("{\"KV_SAVE\":{\"name\":\"ds\"}}"));
                Path firstData = awaitStagingDataFile(persist.resolve("ds"));
                server.kill();
                assertTrue(Files.exists(firstData.getParent()), "killed while the second save was being written");
                WsClient.Frame after = client.receive(1000);
                assertTrue(after == null || after.isClose(), "no 121 before the kill: " + after);
            }
        }
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.persist.path", persist.toString()), "--loadName", "ds")) {
            try (WsClient client = WsClient.connect(server.awaitReady())) {
                assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":" + KEYS + "}}", client.request("{\"KV_COUNT\":{}}"));
                for (int i : new int[] {0, 1, KEYS / 2, KEYS - 1}) {
                    String reply = client.request("{\"KV_GET\":{\"keys\":[\"key-" + i + "\"]}}");
                    assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"key-" + i + "\":" + value("first", i) + "}}}", reply);
                }
                // the next save of the name removes what the crash left behind
                assertReply("{\"KV_SAVE_RSP\":{\"st\":120,\"name\":\"ds\"}}", client.request("{\"KV_SAVE\":{\"name\":\"ds\"}}"));
                assertEquals(121, Replies.status(client.receiveText(), "KV_SAVE_RSP"));
                try (Stream<Path> entries = Files.list(persist.resolve("ds"))) {
                    assertEquals(2, entries.filter(e -> e.getFileName().toString().matches("[0-9]+")).count());
                }
                try (Stream<Path> entries = Files.list(persist.resolve("ds"))) {
                    assertEquals(0, entries.filter(e -> e.getFileName().toString().startsWith(".saving-")).count());
                }
            }
        }
    }

    /** Waits until the running save has created its first data file and returns it. */
    private static Path awaitStagingDataFile(Path nameDir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> entries = Files.list(nameDir)) {
                for (Path entry : entries.toList()) {
                    Path data = entry.resolve("data/0");
                    if (entry.getFileName().toString().startsWith(".saving-") && Files.exists(data)) {
                        return data;
                    }
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the save never started writing");
    }

    private static void fill(WsClient client, String version) throws Exception {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < KEYS; i++) {
            batch.append(batch.isEmpty() ? "{\"KV_SETQ\":{\"keys\":{" : ",");
            batch.append(JsonText.toJson(jakarta.json.Json.createValue("key-" + i)));
            batch.append(':').append(value(version, i));
            if (i % 1000 == 999 || i == KEYS - 1) {
                client.sendText(batch.append("}}}").toString());
                batch.setLength(0);
            }
        }
        assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":" + KEYS + "}}", client.request("{\"KV_COUNT\":{}}"));
        assertNull(client.receive(10), "quiet sets reply nothing");
    }

    private static String value(String version, int i) {
        return "{\"version\":\"" + version + "\",\"i\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}";
    }
}
