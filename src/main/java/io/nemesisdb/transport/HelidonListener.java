package io.nemesisdb.transport;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServerConfig;
import io.nemesisdb.config.OperationsSettings;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.Transport;
import io.nemesisdb.security.ServerTls;
import io.nemesisdb.security.TlsMaterial;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/**
 * Fits Helidon's default listener (configured by {@code server.host} and {@code server.port}) to
 * the transport before Helidon starts it. With netty, which serves that address itself, the
 * listener moves to a free loopback port where it serves nothing (every WebSocket upgrade on it
 * is refused; health and metrics keep their admin listener). With jakarta, it accepts at most
 * {@link #TCP_MARGIN} sockets more than {@code nemesis.max-connections}, so that a flood of
 * connections waits in the kernel's backlog instead of using up the process's files, which stops
 * Helidon's listener for good. With TLS ({@code nemesis.tls.*}) the admin listener speaks https,
 * and so does the default listener when it is jakarta's, on a TLS context that follows renewals.
 * Helidon 4.2.6 has no public way to change the listeners of an MP server, so this calls its
 * package-private builder accessor; {@code TransportSelectionTest} fails if a Helidon upgrade
 * breaks it.
 */
@ApplicationScoped
public class HelidonListener {

    /** Sockets accepted beyond the connection limit: handshakes that will be answered 503. */
    public static final int TCP_MARGIN = 64;

    @Inject
    ServerSettings settings;

    @Inject
    OpenConnections connections;

    @Inject
    ServerTls tls;

    /** Runs after Helidon read its configuration and before it starts (at {@code PLATFORM_AFTER + 100}). */
    void fit(@Observes @Priority(PLATFORM_AFTER + 40) @Initialized(ApplicationScoped.class) Object started, BeanManager beans) {
        ServerCdiExtension extension = beans.getExtension(ServerCdiExtension.class);
        WebServerConfig.Builder builder = builder(extension);
        if (settings.transport() == Transport.NETTY) {
            builder.address(InetAddress.getLoopbackAddress()).port(0);
        } else {
            builder.maxTcpConnections(connections.max() + TCP_MARGIN);
        }
        TlsMaterial material = tls.material();
        if (material != null) {
            if (settings.transport() == Transport.JAKARTA) {
                builder.tls(helidonTls(material.mutual()));
            }
            ListenerConfig admin = builder.sockets().get(OperationsSettings.ADMIN_SOCKET);
            builder.putSocket(OperationsSettings.ADMIN_SOCKET, ListenerConfig.builder(admin).tls(helidonTls(false)).build());
        }
    }

    /**
     * Helidon's TLS on the server's renewable context, which serves a renewed certificate without
     * a reload; the admin listener never asks for client certificates (Kubernetes probes present none).
     */
    private Tls helidonTls(boolean clientCertificates) {
        return Tls.builder()
                .sslContext(tls.sslContext())
                .clientAuth(clientCertificates ? TlsClientAuth.REQUIRED : TlsClientAuth.NONE)
                // Helidon would otherwise check a client certificate's names against the client's address
                .endpointIdentificationAlgorithm(Tls.ENDPOINT_IDENTIFICATION_NONE)
                .build();
    }

    private static WebServerConfig.Builder builder(ServerCdiExtension extension) {
        try {
            Method accessor = ServerCdiExtension.class.getDeclaredMethod("serverBuilder");
            accessor.setAccessible(true);
            return (WebServerConfig.Builder) accessor.invoke(extension);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new IllegalStateException("cannot adjust Helidon's default listener: " + e, e);
        }
    }
}
