package io.nemesisdb.transport.jakarta;

import io.helidon.common.Weight;
import io.helidon.common.Weighted;
import io.helidon.microprofile.tyrus.TyrusUpgradeProvider;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.websocket.WsConfig;

/**
 * Registers the {@link TransportUpgrader} for the {@code websocket} protocol through
 * {@code META-INF/services}. Its weight is above Tyrus's and Helidon's own providers (both at the
 * default weight), which is how Helidon picks the one upgrader per protocol.
 */
@Weight(Weighted.DEFAULT_WEIGHT + 100)
public class TransportUpgradeProvider implements Http1UpgradeProvider<WsConfig> {

    /** For the service loader. */
    public TransportUpgradeProvider() {
    }

    @Override
    public String protocolType() {
        return "websocket";
    }

    @Override
    public Class<WsConfig> protocolConfigType() {
        return WsConfig.class;
    }

    @Override
    public Http1Upgrader create(WsConfig config, ProtocolConfigs configs) {
        return new TransportUpgrader(new TyrusUpgradeProvider().create(config, configs));
    }
}
