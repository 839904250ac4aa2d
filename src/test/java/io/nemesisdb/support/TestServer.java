package io.nemesisdb.support;

import java.io.IOException;

import io.nemesisdb.transport.WebSocketListener;
import jakarta.enterprise.inject.spi.CDI;

/** Access to the server a {@code @HelidonTest} started, on a random free loopback port. */
public final class TestServer {

    private TestServer() {
    }

    /** The port the WebSocket listener is bound to. */
    public static int port() {
        return CDI.current().select(WebSocketListener.class).get().port();
    }

    /** A new client connected to the server. */
    public static WsClient connect() throws IOException {
        return WsClient.connect(port());
    }
}
