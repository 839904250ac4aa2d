package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/** {@code nemesis.max-reply-size}: a reply that would be larger is not built; the command gets 18 and nothing else changes. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.max-reply-size", value = "1m")
class ReplySizeLimitTest {

    private static final String VALUE = "r".repeat(300 * 1024);

    @Test
    void aReplyLargerThanTheLimitIsRefusedWith18() throws Exception {
        try (WsClient client = TestServer.connect()) {
            for (int i = 0; i < 4; i++) {
                assertEquals(1, Replies.status(client.request("{\"KV_SET\":{\"keys\":{\"rs" + i + "\":\"" + VALUE + "\"}}}"), "KV_SET_RSP"));
            }
            String tooLarge = client.request("{\"KV_GET\":{\"keys\":[\"rs0\",\"rs1\",\"rs2\",\"rs3\"]}}");
            assertEquals(18, Replies.status(tooLarge, "KV_GET_RSP"), tooLarge);
            assertEquals(18, Replies.status(client.request("{\"KV_FIND\":{\"path\":\"$\",\"rsp\":\"kv\"}}"), "KV_FIND_RSP"));
            String fits = client.request("{\"KV_GET\":{\"keys\":[\"rs0\",\"rs1\",\"rs2\"]}}");
            assertEquals(1, Replies.status(fits, "KV_GET_RSP"));
            assertEquals(1, Replies.status(client.request("{\"KV_RMV\":{\"keys\":[\"rs0\",\"rs1\",\"rs2\",\"rs3\"]}}"), "KV_RMV_RSP"));
        }
    }
}
