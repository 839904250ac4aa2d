package io.nemesisdb.transport;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.nemesisdb.command.CommandDispatcher;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.Transport;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/**
 * The native transport's endpoint at {@code /}. When {@code nemesis.transport} is {@code helidon}
 * it registers itself as a Helidon WebSocket route before the server starts; the
 * {@link TransportUpgrader} finds it there and serves the connection with a
 * {@link NativeConnection}. Helidon's own {@code WsConnection} is not used because it decodes each
 * text frame separately with replacement characters (no 1007, and a character split between
 * fragments is lost), so none of the {@link WsListener} callbacks is ever called.
 */
@ApplicationScoped
public class NativeEndpoint implements WsListener {

    /** The path clients connect to. */
    static final String PATH = "/";

    @Inject
    CommandDispatcher dispatcher;

    @Inject
    ServerSettings settings;

    @Inject
    OpenConnections connections;

    @Inject
    TransportMeter meter;

    /** Runs before the server starts (which Helidon does at {@code PLATFORM_AFTER + 100}). */
    void register(@Observes @Priority(PLATFORM_AFTER + 50) @Initialized(ApplicationScoped.class) Object started,
                  BeanManager beans) {
        if (settings.transport() == Transport.HELIDON) {
            beans.getExtension(ServerCdiExtension.class).addRouting(WsRouting.builder().endpoint(PATH, this));
        }
    }

    CommandDispatcher dispatcher() {
        return dispatcher;
    }

    OpenConnections connections() {
        return connections;
    }

    TransportMeter meter() {
        return meter;
    }

    int maxPayload() {
        return settings.maxPayload();
    }
}
