package io.nemesisdb.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.Transport;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Pins down how the native transport hooks into Helidon, which relies on Helidon behaviour that
 * is not a documented contract: that the upgrade provider of highest weight gets the
 * {@code websocket} protocol, and that a route added by {@code ServerCdiExtension.addRouting}
 * reaches the upgrader through the connection's router. If a Helidon upgrade changes either, this
 * test fails: clients would be served by the wrong transport (or not at all).
 */
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
            boolean nativeConnection = connections.list().get(0) instanceof NativeConnection;
            assertEquals(settings.transport() == Transport.HELIDON, nativeConnection,
                    () -> "transport " + settings.transport() + " but the connection is " + connections.list().get(0).getClass());
        }
    }

    @Test
    void upgradeProviderOutweighsHelidonsAndTyrussOwn() {
        double ours = new TransportUpgradeProvider().getClass().getAnnotation(io.helidon.common.Weight.class).value();
        assertTrue(ours > io.helidon.common.Weighted.DEFAULT_WEIGHT);
        assertTrue(io.helidon.microprofile.tyrus.TyrusUpgradeProvider.class.getAnnotation(io.helidon.common.Weight.class) == null
                || io.helidon.microprofile.tyrus.TyrusUpgradeProvider.class.getAnnotation(io.helidon.common.Weight.class).value() < ours,
                "Tyrus's upgrade provider now outweighs ours");
    }
}
