package io.nemesisdb.transport.netty;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.WebServerConfig;

/**
 * Helidon always runs a default listener, configured by {@code server.host} and
 * {@code server.port}. When the netty transport serves that address, Helidon's default listener
 * is moved to a free loopback port, where it serves nothing (every WebSocket upgrade on it is
 * refused): health and metrics keep their own admin listener. Helidon 4.2.6 has no public way
 * to change the default listener of an MP server, so this calls its package-private builder
 * accessor; {@code NettyTransportTest} fails if a Helidon upgrade breaks it.
 */
final class HelidonDefaultListener {

    private HelidonDefaultListener() {
    }

    static void moveToLoopback(ServerCdiExtension extension) {
        try {
            Method accessor = ServerCdiExtension.class.getDeclaredMethod("serverBuilder");
            accessor.setAccessible(true);
            WebServerConfig.Builder builder = (WebServerConfig.Builder) accessor.invoke(extension);
            builder.address(InetAddress.getLoopbackAddress()).port(0);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new IllegalStateException("cannot move Helidon's default listener off the WebSocket port: " + e, e);
        }
    }
}
