package io.nemesisdb.transport;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * A client that never reads its replies holds up nobody else: not another client's save (whose
 * second reply the save thread delivers), not another client's requests. The server stops taking
 * the slow client's requests while its replies back up, so it holds a bounded amount for it.
 */
@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/slow-client")
class SlowClientTest {

    static final String BIG = "x".repeat(512 * 1024);

    @Test
    void aClientThatReadsNothingNeverDelaysAnotherClientsSave() throws Exception {
        try (WsClient other = TestServer.connect(); WsClient slow = WsClient.connect(TestServer.port(), 8192)) {
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}", other.request("{\"KV_SET\":{\"keys\":{\"big\":\"" + BIG + "\"}}}"));
            String[] requests = new String[201];
            requests[0] = "{\"KV_SAVE\":{\"name\":\"slow\"}}";
            for (int i = 1; i < requests.length; i++) {
                requests[i] = "{\"KV_GET\":{\"keys\":[\"big\"]}}";
            }
            slow.sendPipelined(requests);
            Thread.sleep(1000); // the slow client's replies back up

            other.sendText("{\"KV_SAVE\":{\"name\":\"other\"}}");
            assertReply("{\"KV_SAVE_RSP\":{\"st\":120,\"name\":\"other\"}}", other.receiveText());
            WsClient.Frame done = other.receive(20_000);
            assertNotNull(done, "the second reply of a save never came while another client read nothing");
            assertEquals(121, Replies.status(done.text(), "KV_SAVE_RSP"), done.text());
            assertEquals(1, Replies.status(other.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
        }
    }
}
