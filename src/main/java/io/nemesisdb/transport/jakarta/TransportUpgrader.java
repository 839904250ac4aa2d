package io.nemesisdb.transport.jakarta;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.spi.ServerConnection;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.Transport;
import io.nemesisdb.security.Admission;
import io.nemesisdb.transport.OpenConnections;
import io.nemesisdb.transport.TransportMeter;
import io.nemesisdb.transport.UpgradeCheck;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Helidon keeps one upgrader per protocol, so this one serves every WebSocket upgrade on Helidon's
 * listener: it checks the handshake ({@link UpgradeCheck}), the client's origin and key
 * ({@link Admission}) and takes a place among the {@link OpenConnections}, refusing with the HTTP
 * status of the problem, then lets Tyrus (the {@link JakartaEndpoint}) serve the connection. With the netty transport, Helidon's listener
 * refuses every upgrade.
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
        if (settings.transport() != Transport.JAKARTA) {
            throw refusal(new UpgradeCheck.Refusal(404, "no WebSocket endpoint on this listener", null, null));
        }
        Function<String, String> headerNamed = name -> headers.contains(HeaderNames.create(name))
                ? String.join(",", headers.all(HeaderNames.create(name), List::of)) : null;
        UpgradeCheck.Refusal refusal = UpgradeCheck.check(prologue.method().text(), prologue.uriPath().rawPath(),
                prologue.protocol() + "/" + prologue.protocolVersion(), headerNamed);
        TransportMeter meter = CDI.current().select(TransportMeter.class).get();
        if (refusal != null) {
            meter.rejected(TransportMeter.Rejection.BAD_HANDSHAKE);
            throw refusal(refusal);
        }
        X509Certificate certificate = context.remotePeer().tlsCertificates()
                .filter(chain -> chain.length > 0 && chain[0] instanceof X509Certificate)
                .map(chain -> (X509Certificate) chain[0]).orElse(null);
        Admission.Decision admission = CDI.current().select(Admission.class).get().admit(headerNamed,
                context.remotePeer().address() instanceof InetSocketAddress peer ? peer.getAddress() : InetAddress.getLoopbackAddress(),
                certificate);
        if (!admission.admitted()) {
            throw refusal(admission.refusal());
        }
        OpenConnections connections = CDI.current().select(OpenConnections.class).get();
        if (!connections.reserve()) {
            meter.rejected(TransportMeter.Rejection.MAX_CONNECTIONS);
            throw refusal(UpgradeCheck.atCapacity(connections.max()));
        }
        ServerConnection connection = null;
        try {
            GuardedContext guarded = new GuardedContext(context, settings.maxPayload(), settings.maxReplyBacklog(), meter,
                    admission.role(), admission.subprotocol());
            ServerConnection served = tyrus.upgrade(guarded, prologue, headers);
            connection = served == null ? null : new GuardedConnection(served, guarded, settings.idleTimeout(), meter);
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
}
