package io.nemesisdb.transport;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.Transport;
import io.nemesisdb.transport.netty.NettyTransport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/** The port the chosen transport accepts WebSocket clients on, whichever listener that is. */
@ApplicationScoped
public class WebSocketPort {

    @Inject
    ServerSettings settings;

    @Inject
    NettyTransport netty;

    @Inject
    BeanManager beans;

    /** The bound port, or -1 when the listener is not running. */
    public int port() {
        return settings.transport() == Transport.NETTY ? netty.port() : beans.getExtension(ServerCdiExtension.class).port();
    }
}
