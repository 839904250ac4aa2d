package io.nemesisdb.transport;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.max-payload", value = "1024")
class TransportLimitsTest {

    private static final int MAX_PAYLOAD = 1024;

    /** A KV_SET message of exactly {@code size} bytes. */
    private static String setMessageOfSize(int size) {
        String head = "{\"KV_SET\":{\"keys\":{\"big\":\"";
        String tail = "\"}}}";
        return head + "x".repeat(size - head.length() - tail.length()) + tail;
    }

    @Test
    void messageOfExactlyMaxPayloadIsExecuted() throws Exception {
        try (WsClient client = TestServer.connect()) {
            String message = setMessageOfSize(MAX_PAYLOAD);
            assertEquals(MAX_PAYLOAD, message.getBytes(StandardCharsets.UTF_8).length);
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}", client.request(message));
        }
    }

    @Test
    void messageOverMaxPayloadClosesWith1009AndRunsNothing() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.request("{\"KV_RMV\":{\"keys\":[\"oversize\"]}}");
            client.sendText(setMessageOfSize(MAX_PAYLOAD + 1).replace("\"big\"", "\"oversize\""));
            WsClient.Frame frame = client.receive(5000);
            assertNotNull(frame);
            assertTrue(frame.isClose(), () -> "expected close, got " + frame);
            assertEquals(1009, frame.closeCode());
        }
        try (WsClient other = TestServer.connect()) {
            assertReply("{\"KV_CONTAINS_RSP\":{\"st\":1,\"contains\":[]}}",
                    other.request("{\"KV_CONTAINS\":{\"keys\":[\"oversize\"]}}"));
        }
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendTextBytes(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            WsClient.Frame frame = client.receive(5000);
            assertNotNull(frame);
            assertTrue(frame.isClose(), () -> "expected close, got " + frame);
            assertEquals(1007, frame.closeCode());
        }
    }

    @Test
    void binaryMessageIsRejectedWithStatus2AndConnectionStaysOpen() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendBinary("{\"KV_COUNT\":{}}".getBytes(StandardCharsets.UTF_8));
            assertReply("{\"ERR\":{\"st\":2}}", client.receiveText());
            assertEquals(1, io.nemesisdb.support.Replies.status(client.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
        }
    }

    @Test
    void fragmentedMessageIsReassembled() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendFragmented("{\"KV_SET\":{\"ke", "ys\":{\"frag\":", "1}}}");
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}", client.receiveText());
        }
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendPing("hello".getBytes(StandardCharsets.UTF_8));
            WsClient.Frame frame = client.receive(5000);
            assertNotNull(frame);
            assertEquals(10, frame.opcode());
            assertEquals("hello", frame.text());
        }
    }
}
