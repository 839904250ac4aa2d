package io.nemesisdb.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What RFC 6455 forbids a client to send fails the connection on every transport, and runs
 * nothing: unmasked frames (1002), a frame declared larger than {@code maxPayload} (1009 at its
 * header, before any payload), close codes that may not be sent (1002, never echoed), close
 * reasons that are not UTF-8 (1007). Valid close codes are echoed.
 */
@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.max-payload", value = "1024")
class ProtocolStrictnessTest {

    @Test
    void unmaskedFrameFailsTheConnectionAndIsNotExecuted() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.request("{\"KV_RMV\":{\"keys\":[\"unmasked\"]}}");
            client.sendRaw(WsClient.unmaskedTextFrame("{\"KV_SET\":{\"keys\":{\"unmasked\":1}}}"));
            assertEquals(1002, client.awaitClose(10_000));
        }
        try (WsClient other = TestServer.connect()) {
            assertEquals("{\"KV_CONTAINS_RSP\":{\"st\":1,\"contains\":[]}}",
                    other.request("{\"KV_CONTAINS\":{\"keys\":[\"unmasked\"]}}"));
        }
    }

    @Test
    void frameDeclaredLargerThanMaxPayloadClosesWith1009BeforeItsPayload() throws Exception {
        try (WsClient client = TestServer.connect()) {
            // a masked text frame header announcing 100 MB, and no payload at all
            long length = 100_000_000L;
            byte[] header = new byte[14];
            header[0] = (byte) 0x81;
            header[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                header[2 + i] = (byte) (length >>> (56 - 8 * i));
            }
            client.sendRaw(header);
            assertEquals(1009, client.awaitClose(10_000));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    void closeCodeThatMayNotBeSentIsAnsweredWith1002(int code) throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendClose(code);
            assertEquals(1002, client.awaitClose(10_000));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1003, 1008, 1011, 3000, 4999})
    void validCloseCodeIsEchoed(int code) throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendClose(code);
            assertEquals(code, client.awaitClose(10_000));
        }
    }

    @Test
    void closeReasonThatIsNotUtf8IsAnsweredWith1007() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendClosePayload(new byte[] {0x03, (byte) 0xE8, (byte) 0xC3, 0x28});
            assertEquals(1007, client.awaitClose(10_000));
        }
    }

    @Test
    void closeWithAOneBytePayloadIsAnsweredWith1002() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.sendClosePayload(new byte[] {0x03});
            assertEquals(1002, client.awaitClose(10_000));
        }
    }

    @Test
    void closeWithAValidReasonIsEchoed() throws Exception {
        try (WsClient client = TestServer.connect()) {
            byte[] reason = "bye ü".getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + reason.length];
            payload[0] = 0x03;
            payload[1] = (byte) 0xE8;
            System.arraycopy(reason, 0, payload, 2, reason.length);
            client.sendClosePayload(payload);
            assertEquals(1000, client.awaitClose(10_000));
        }
    }

    @Test
    void connectionStaysUsableAfterEveryCheckPassed() throws Exception {
        try (WsClient client = TestServer.connect()) {
            assertEquals(1, Replies.status(client.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
        }
    }
}
