package io.nemesisdb.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.Transport;
import io.nemesisdb.transport.netty.NettyTransport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/** The listener of the chosen transport: the port clients connect to, and whether it still accepts them. */
@ApplicationScoped
public class WebSocketListener {

    private static final int PROBE_TIMEOUT_MILLIS = 1000;

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

    /**
     * True while the listener accepts connections. Helidon's listener (the jakarta transport's)
     * stops for good when {@code accept} fails, for instance when the process is out of files,
     * and says nothing; so its socket is probed with a connection.
     */
    public boolean isAccepting() {
        if (settings.transport() == Transport.NETTY) {
            return netty.isAccepting();
        }
        int port = port();
        if (port <= 0) {
            return false;
        }
        try (Socket probe = new Socket()) {
            InetAddress host = InetAddress.getByName(settings.host());
            probe.connect(new InetSocketAddress(host.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : host, port),
                    PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
