package io.nemesisdb.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.http.NotFoundException;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.websocket.WsRoute;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.webserver.websocket.WsUpgrader;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.Transport;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Helidon keeps one upgrader per protocol, so this one serves every WebSocket upgrade on Helidon's
 * listener: it checks the handshake ({@link UpgradeCheck}) and takes a place among the
 * {@link OpenConnections}, refusing with the HTTP status of the problem; then a request for the
 * {@link NativeEndpoint}'s route (registered only when the native transport is chosen) gets the
 * opening handshake here and a {@link NativeConnection}, and with the jakarta transport Tyrus
 * serves it. With the netty transport, Helidon's listener refuses every upgrade.
 */
final class TransportUpgrader implements Http1Upgrader {

    private final Http1Upgrader tyrus;

    TransportUpgrader(Http1Upgrader tyrus) {
        this.tyrus = tyrus;
    }

    @Override
    public String supportedProtocol() {
        return "websocket";
    }

    @Override
    public ServerConnection upgrade(ConnectionContext context, HttpPrologue prologue, WritableHeaders<?> headers) {
        ServerSettings settings = CDI.current().select(ServerSettings.class).get();
        if (settings.transport() == Transport.NETTY) {
            throw refusal(new UpgradeCheck.Refusal(404, "no WebSocket endpoint on this listener", null, null));
        }
        UpgradeCheck.Refusal refusal = UpgradeCheck.check(prologue.method().text(), prologue.uriPath().rawPath(),
                prologue.protocol() + "/" + prologue.protocolVersion(),
                name -> headers.contains(HeaderNames.create(name))
                        ? String.join(",", headers.all(HeaderNames.create(name), List::of)) : null);
        if (refusal != null) {
            throw refusal(refusal);
        }
        OpenConnections connections = CDI.current().select(OpenConnections.class).get();
        if (!connections.reserve()) {
            throw refusal(UpgradeCheck.atCapacity(connections.max()));
        }
        ServerConnection connection = null;
        try {
            NativeEndpoint endpoint = nativeEndpoint(context, prologue);
            if (endpoint != null) {
                String key = headers.get(WsUpgrader.WS_KEY).get();
                context.dataWriter().writeNow(BufferData.create(switchingProtocols(key)));
                connection = new NativeConnection(context, endpoint);
            } else if (settings.transport() == Transport.JAKARTA) {
                connection = tyrus.upgrade(context, prologue, headers);
            }
        } finally {
            if (connection == null) {
                connections.release();
            }
        }
        if (connection == null) {
            throw refusal(new UpgradeCheck.Refusal(404, "no WebSocket endpoint at " + prologue.uriPath().rawPath(), null, null));
        }
        return connection;
    }

    private static RequestException refusal(UpgradeCheck.Refusal refusal) {
        RequestException.Builder builder = RequestException.builder()
                .type(DirectHandler.EventType.BAD_REQUEST)
                .status(Status.create(refusal.status()))
                .message(refusal.reason())
                .safeMessage(true)
                .setKeepAlive(false);
        if (refusal.headerName() != null) {
            builder.header(HeaderValues.create(refusal.headerName(), refusal.headerValue()));
        }
        return builder.build();
    }

    /** The native endpoint that the request's path leads to, or null (also when the native transport is off). */
    private static NativeEndpoint nativeEndpoint(ConnectionContext context, HttpPrologue prologue) {
        WsRouting routing = context.router().routing(WsRouting.class, null);
        if (routing == null) {
            return null;
        }
        try {
            WsRoute route = routing.findRoute(prologue);
            return route != null && route.listener() instanceof NativeEndpoint endpoint ? endpoint : null;
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static byte[] switchingProtocols(String key) {
        return ("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + UpgradeCheck.accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
