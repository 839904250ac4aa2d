package io.nemesisdb.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * With {@code nemesis.idle-timeout} at its default (0), an idle client stays connected, even past
 * the handshake timeout: on the jakarta transport both use Helidon's idle check, which must
 * leave an upgraded connection alone.
 */
@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.handshake-timeout", value = "1")
class IdleConnectionTest {

    @Test
    void anIdleClientStaysConnectedByDefault() throws Exception {
        try (WsClient client = TestServer.connect()) {
            Thread.sleep(3500);
            assertEquals(1, Replies.status(client.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
        }
    }
}
