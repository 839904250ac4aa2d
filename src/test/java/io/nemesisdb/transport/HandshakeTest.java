package io.nemesisdb.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.RawHttp;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The opening handshake on every transport: anything but a valid RFC 6455 upgrade of {@code /} is
 * refused with the HTTP status of its problem, and past {@code nemesis.max-connections} open
 * connections new ones get 503 while the open ones keep working.
 */
@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.max-connections", value = "3")
class HandshakeTest {

    private static RawHttp.Response send(String requestLine, String... headers) throws Exception {
        return RawHttp.exchange(TestServer.port(), RawHttp.handshake(requestLine, headers));
    }

    @Test
    void validHandshakeSwitchesProtocols() throws Exception {
        RawHttp.Response response = send("GET / HTTP/1.1");
        assertEquals(101, response.status());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.headers().get("sec-websocket-accept"));
    }

    @Test
    void upgradeByPostIsRefusedWith405() throws Exception {
        RawHttp.Response response = send("POST / HTTP/1.1");
        assertEquals(405, response.status());
        assertEquals("GET", response.headers().get("allow"));
    }

    @Test
    void missingKeyIsRefusedWith400() throws Exception {
        assertEquals(400, send("GET / HTTP/1.1", "Sec-WebSocket-Key:").status());
    }

    @Test
    void keyThatIsNotSixteenBytesOfBase64IsRefusedWith400() throws Exception {
        assertEquals(400, send("GET / HTTP/1.1", "Sec-WebSocket-Key: not-base64-at-all!!!!!!").status());
        assertEquals(400, send("GET / HTTP/1.1", "Sec-WebSocket-Key: AAAA").status());
        assertEquals(400, send("GET / HTTP/1.1", "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAAAAAAA").status());
    }

    @Test
    void otherVersionIsRefusedWith426NamingVersion13() throws Exception {
        RawHttp.Response response = send("GET / HTTP/1.1", "Sec-WebSocket-Version: 8");
        assertEquals(426, response.status());
        assertEquals("13", response.headers().get("sec-websocket-version"));
    }

    @Test
    void otherPathIsRefusedWith404() throws Exception {
        assertEquals(404, send("GET /elsewhere HTTP/1.1").status());
    }

    @Test
    void connectionsPastTheLimitAreRefusedWith503UntilOneCloses() throws Exception {
        List<WsClient> open = new ArrayList<>();
        try {
            // other tests of this class close theirs; wait until the three places are free
            long deadline = System.currentTimeMillis() + 10_000;
            while (open.size() < 3) {
                try {
                    open.add(TestServer.connect());
                } catch (java.io.IOException e) {
                    assertTrue(System.currentTimeMillis() < deadline, () -> "could not open 3 connections: " + e);
                    Thread.sleep(50);
                }
            }
            RawHttp.Response refused = send("GET / HTTP/1.1");
            assertEquals(503, refused.status());
            assertTrue(refused.body().contains("nemesis.max-connections"), refused.body());
            for (WsClient client : open) {
                assertEquals(1, Replies.status(client.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
            }
            open.removeFirst().close();
            long until = System.currentTimeMillis() + 10_000;
            RawHttp.Response again;
            while ((again = send("GET / HTTP/1.1")).status() == 503 && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertEquals(101, again.status());
        } finally {
            for (WsClient client : open) {
                client.close();
            }
        }
    }
}
