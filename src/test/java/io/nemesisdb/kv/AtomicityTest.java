package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.ConcurrentClients;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Commands are atomic and isolated: readers never see half of a KV_SET nor the gap in a KV_CLEAR_SET. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class AtomicityTest {

    private static final int OPERATIONS_PER_CLIENT = 1500;

    @Test
    void readersAlwaysSeeBothKeysOfEveryMultiKeyWrite() throws Exception {
        try (WsClient setup = TestServer.connect()) {
            setup.request("{\"KV_CLEAR_SET\":{\"keys\":{\"a\":-1,\"b\":-1}}}");
        }
        AtomicInteger reads = new AtomicInteger();
        List<Callable<Void>> clients = new ArrayList<>();
        clients.add(() -> write("KV_SET", 0));
        clients.add(() -> write("KV_SET", 1_000_000));
        clients.add(() -> write("KV_CLEAR_SET", 2_000_000));
        for (int i = 0; i < 3; i++) {
            clients.add(() -> read(reads));
        }
        ConcurrentClients.runAll(Duration.ofSeconds(120), clients);
        assertEquals(3 * OPERATIONS_PER_CLIENT, reads.get());
    }

    private static Void write(String command, int base) throws Exception {
        try (WsClient client = TestServer.connect()) {
            for (int i = 0; i < OPERATIONS_PER_CLIENT; i++) {
                int value = base + i;
                String reply = client.request("{\"" + command + "\":{\"keys\":{\"a\":" + value + ",\"b\":" + value + "}}}");
                assertEquals(1, Replies.status(reply, command + "_RSP"));
            }
        }
        return null;
    }

    private static Void read(AtomicInteger reads) throws Exception {
        try (WsClient client = TestServer.connect()) {
            for (int i = 0; i < OPERATIONS_PER_CLIENT; i++) {
                String reply = client.request("{\"KV_GET\":{\"keys\":[\"a\",\"b\"]}}");
                JsonObject keys = Replies.body(reply, "KV_GET_RSP").getJsonObject("keys");
                assertTrue(keys.containsKey("a") && keys.containsKey("b"), () -> "saw a gap: " + reply);
                assertEquals(keys.get("a"), keys.get("b"), () -> "saw half a write: " + reply);
                reads.incrementAndGet();
            }
        }
        return null;
    }
}
