package io.nemesisdb.transport;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * {@code nemesis.max-reply-backlog}: a client whose unread replies pass it is closed with 1008
 * (after what was already handed to its socket), while every other client goes on.
 */
@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.max-reply-backlog", value = "262144")
class ReplyBacklogTest {

    @Test
    void aClientWhoseUnreadRepliesPassTheLimitIsClosedWith1008() throws Exception {
        try (WsClient other = TestServer.connect(); WsClient slow = WsClient.connect(TestServer.port(), 8192)) {
            String value = "y".repeat(200 * 1024);
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}", other.request("{\"KV_SET\":{\"keys\":{\"b1\":\"" + value + "\"}}}"));
            // 8 MB of replies, more than the sockets' buffers take: what is left waits in the server
            String[] gets = new String[40];
            java.util.Arrays.fill(gets, "{\"KV_GET\":{\"keys\":[\"b1\"]}}");
            slow.sendPipelined(gets);
            Thread.sleep(1000);
            assertEquals(1008, slow.awaitClose(15_000));
            assertEquals(1, Replies.status(other.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
        }
    }
}
