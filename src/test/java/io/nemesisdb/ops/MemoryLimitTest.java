package io.nemesisdb.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * A server filled up to {@code nemesis.max-memory} refuses what stores more (16) and keeps
 * serving reads and deletes on the same connection; deletes make room again. A command that runs
 * out of memory anyway is {@link OutOfMemoryTest}.
 */
@ChildServersOnly
class MemoryLimitTest {

    private static final String VALUE = "v".repeat(256 * 1024);

    @Test
    void writesPastTheMemoryLimitAreRefusedWhileReadsAndDeletesGoOn() throws Exception {
        try (ServerProcess server = ServerProcess.startWithHeap("160m", Map.of("nemesis.max-memory", "50%"));
             WsClient client = WsClient.connect(server.awaitReady())) {
            int stored = 0;
            int status = 1;
            while (status == 1 && stored < 2000) {
                status = Replies.status(client.request("{\"KV_SET\":{\"keys\":{\"k" + stored + "\":\"" + VALUE + "\"}}}"), "KV_SET_RSP");
                if (status == 1) {
                    stored++;
                }
            }
            assertEquals(16, status, "the writes were not refused before the heap filled");
            int storedBeforeRefusal = stored;
            assertTrue(stored > 50, () -> "refused too early, after " + storedBeforeRefusal + " values");
            assertEquals(16, Replies.status(client.request("{\"KV_ADD\":{\"keys\":{\"more\":1}}}"), "KV_ADD_RSP"));
            String count = client.request("{\"KV_COUNT\":{}}");
            assertEquals(1, Replies.status(count, "KV_COUNT_RSP"), count);
            assertTrue(client.request("{\"KV_GET\":{\"keys\":[\"k0\"]}}").contains(VALUE));

            StringBuilder all = new StringBuilder("{\"KV_RMV\":{\"keys\":[");
            for (int i = 0; i < stored; i++) {
                all.append(i == 0 ? "" : ",").append("\"k").append(i).append('"');
            }
            assertEquals(1, Replies.status(client.request(all.append("]}}").toString()), "KV_RMV_RSP"));
            long deadline = System.currentTimeMillis() + 60_000;
            while (Replies.status(client.request("{\"KV_SET\":{\"keys\":{\"after\":\"" + VALUE + "\"}}}"), "KV_SET_RSP") == 16) {
                assertTrue(System.currentTimeMillis() < deadline, "writes stayed refused after every key was removed");
                client.request("{\"KV_RMV\":{\"keys\":[\"after\"]}}");
            }
        }
    }
}
