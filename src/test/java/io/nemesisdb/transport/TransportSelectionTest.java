package io.nemesisdb.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.common.Weight;
import io.helidon.common.Weighted;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.helidon.microprofile.tyrus.TyrusUpgradeProvider;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.support.RawHttp;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Pins down how the transports hook into Helidon, which relies on Helidon behaviour that is not a
 * documented contract: that the upgrade provider of highest weight gets the {@code websocket}
 * protocol (so the Jakarta transport's checks run), and that the netty transport can move
 * Helidon's default listener off its port. If a Helidon upgrade changes either, this test fails:
 * clients would be served by the wrong transport, unchecked, or not at all.
 */
@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class TransportSelectionTest {

    @Inject
    ServerSettings settings;

    @Inject
    OpenConnections connections;

    @Test
    void theConfiguredTransportServesTheConnection() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.request("{\"KV_COUNT\":{}}");
            assertEquals(1, connections.list().size(), "one connection expected");
            String served = connections.list().get(0).getClass().getName();
            String expected = "io.nemesisdb.transport." + settings.transport().name().toLowerCase(java.util.Locale.ROOT) + ".";
            assertTrue(served.startsWith(expected), () -> "transport " + settings.transport() + " but the connection is " + served);
        }
    }

    @Test
    void helidonsOwnListenerServesNoWebSocketUnlessItIsTheTransport() throws Exception {
        int helidonPort = jakarta.enterprise.inject.spi.CDI.current().getBeanManager()
                .getExtension(io.helidon.microprofile.server.ServerCdiExtension.class).port();
        int status = RawHttp.exchange(helidonPort, RawHttp.handshake("GET / HTTP/1.1")).status();
        if (helidonPort == TestServer.port()) {
            assertEquals(101, status);
        } else {
            assertEquals(404, status);
        }
    }

    @Test
    void upgradeProviderOutweighsTyrussOwn() {
        double ours = io.nemesisdb.transport.jakarta.TransportUpgradeProvider.class.getAnnotation(Weight.class).value();
        assertTrue(ours > Weighted.DEFAULT_WEIGHT);
        assertTrue(TyrusUpgradeProvider.class.getAnnotation(Weight.class) == null
                || TyrusUpgradeProvider.class.getAnnotation(Weight.class).value() < ours,
                "Tyrus's upgrade provider now outweighs ours");
    }
}
