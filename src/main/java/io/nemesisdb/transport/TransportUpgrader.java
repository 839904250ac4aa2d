package io.nemesisdb.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HttpPrologue;
import io.helidon.http.NotFoundException;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.websocket.WsRoute;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.webserver.websocket.WsUpgrader;

/**
 * Helidon keeps one upgrader per protocol, so this one serves WebSocket upgrades for both
 * transports: a request for the {@link NativeEndpoint}'s route (registered only when the native
 * transport is chosen) gets the opening handshake here and a {@link NativeConnection}; any other
 * goes to Tyrus (the Jakarta endpoint), then to Helidon's own upgrader for other WebSocket routes.
 */
final class TransportUpgrader implements Http1Upgrader {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Http1Upgrader tyrus;
    private final Http1Upgrader helidon;

    TransportUpgrader(Http1Upgrader tyrus, Http1Upgrader helidon) {
        this.tyrus = tyrus;
        this.helidon = helidon;
    }

    @Override
    public String supportedProtocol() {
        return "websocket";
    }

    @Override
    public ServerConnection upgrade(ConnectionContext context, HttpPrologue prologue, WritableHeaders<?> headers) {
        NativeEndpoint endpoint = nativeEndpoint(context, prologue);
        if (endpoint != null) {
            Optional<String> key = headers.first(WsUpgrader.WS_KEY);
            boolean version13 = headers.first(WsUpgrader.WS_VERSION).map("13"::equals).orElse(false);
            if (key.isEmpty() || !version13) {
                return helidon.upgrade(context, prologue, headers); // answers the malformed handshake
            }
            context.dataWriter().writeNow(BufferData.create(switchingProtocols(key.get())));
            return new NativeConnection(context, endpoint);
        }
        ServerConnection jakarta = tyrus.upgrade(context, prologue, headers);
        return jakarta != null ? jakarta : helidon.upgrade(context, prologue, headers);
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
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The {@code Sec-WebSocket-Accept} value of RFC 6455 section 4.2.2. */
    static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }
}
