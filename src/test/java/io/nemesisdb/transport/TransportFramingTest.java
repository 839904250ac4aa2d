package io.nemesisdb.transport;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * Framing behaviour every transport shares (run once per transport): pipelined requests, quiet
 * commands, fragments with control frames between them, fragment boundaries inside a character,
 * the close handshake, and the limits applied to reassembled messages.
 */
@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.max-payload", value = "1024")
class TransportFramingTest {

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (WsClient client = TestServer.connect()) {
            String[] requests = new String[200];
            for (int i = 0; i < requests.length; i++) {
                requests[i] = i % 2 == 0
                        ? "{\"KV_SET\":{\"keys\":{\"pipe" + i + "\":" + i + "}}}"
                        : "{\"KV_GET\":{\"keys\":[\"pipe" + (i - 1) + "\"]}}";
            }
            client.sendPipelined(requests);
            for (int i = 0; i < requests.length; i++) {
                String expected = i % 2 == 0
                        ? "{\"KV_SET_RSP\":{\"st\":1}}"
                        : "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"pipe" + (i - 1) + "\":" + (i - 1) + "}}}";
                assertReply(expected, client.receiveText());
            }
        }
    }

    @Test
    void quietCommandsInABurstSendNothingAndLaterRepliesStillCome() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendPipelined("{\"KV_SETQ\":{\"keys\":{\"quiet1\":1}}}",
                    "{\"KV_SETQ\":{\"keys\":{}}}",
                    "{\"KV_SETQ\":{\"keys\":{\"quiet2\":2}}}",
                    "{\"KV_GET\":{\"keys\":[\"quiet1\",\"quiet2\"]}}");
            assertReply("{\"KV_SETQ_RSP\":{\"st\":42}}", client.receiveText());
            assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"quiet1\":1,\"quiet2\":2}}}", client.receiveText());
        }
    }

    @Test
    void characterSplitBetweenFragmentsIsReassembled() throws Exception {
        byte[] message = "{\"KV_SET\":{\"keys\":{\"split\":\"é€😀\"}}}".getBytes(StandardCharsets.UTF_8);
        int euro = indexOf(message, (byte) 0xE2);
        try (WsClient client = TestServer.connect()) {
            client.sendFragmentedBytes(Arrays.copyOfRange(message, 0, euro + 1),
                    Arrays.copyOfRange(message, euro + 1, euro + 5),
                    Arrays.copyOfRange(message, euro + 5, message.length));
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}", client.receiveText());
            assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"split\":\"é€😀\"}}}",
                    client.request("{\"KV_GET\":{\"keys\":[\"split\"]}}"));
        }
    }

    @Test
    void emptyFragmentsAreAllowed() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendFragmented("", "{\"KV_COUNT\":{}}", "");
            assertEquals(1, io.nemesisdb.support.Replies.status(client.receiveText(), "KV_COUNT_RSP"));
        }
    }

    @Test
    void pingBetweenFragmentsIsAnsweredAndTheMessageCompletes() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendFragmentStart("{\"KV_SET\":{\"keys\":");
            client.sendPing("mid".getBytes(StandardCharsets.UTF_8));
            WsClient.Frame pong = client.receive(5000);
            assertNotNull(pong);
            assertEquals(10, pong.opcode());
            assertEquals("mid", pong.text());
            client.sendFragmentEnd("{\"pinged\":true}}}");
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}", client.receiveText());
        }
    }

    @Test
    void fragmentsTogetherOverMaxPayloadCloseWith1009() throws Exception {
        try (WsClient client = TestServer.connect()) {
            String part = "x".repeat(400);
            client.sendFragmented("{\"KV_SET\":{\"keys\":{\"frag\":\"" + part, part, part + "\"}}}");
            assertClosedWith(1009, client);
        }
    }

    @Test
    void invalidUtf8SplitBetweenFragmentsClosesWith1007() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendFragmentedBytes(new byte[] {'"', (byte) 0xE2, (byte) 0x82}, new byte[] {'"'});
            assertClosedWith(1007, client);
        }
    }

    @Test
    void continuationWithoutAStartClosesWith1002() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendFragmentEnd("{\"KV_COUNT\":{}}");
            assertClosedWith(1002, client);
        }
    }

    @Test
    void clientCloseIsEchoedWithItsCode() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendClose(1000);
            assertClosedWith(1000, client);
        }
    }

    @Test
    void binaryMessageBetweenTextMessagesIsAnsweredInOrder() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendText("{\"KV_COUNT\":{}}");
            client.sendBinary(new byte[] {1, 2, 3});
            client.sendText("{\"KV_COUNT\":{}}");
            assertEquals(1, io.nemesisdb.support.Replies.status(client.receiveText(), "KV_COUNT_RSP"));
            assertReply("{\"ERR\":{\"st\":2}}", client.receiveText());
            assertEquals(1, io.nemesisdb.support.Replies.status(client.receiveText(), "KV_COUNT_RSP"));
        }
    }

    private static void assertClosedWith(int code, WsClient client) throws Exception {
        WsClient.Frame frame = client.receive(5000);
        assertNotNull(frame);
        assertTrue(frame.isClose(), () -> "expected close, got " + frame);
        assertEquals(code, frame.closeCode());
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }
}
