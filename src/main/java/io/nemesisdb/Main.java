package io.nemesisdb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.Map;

import io.helidon.microprofile.server.Server;
import io.nemesisdb.config.LaunchConfigSource;
import io.nemesisdb.config.LaunchOptions;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.SettingsException;
import io.nemesisdb.persist.StartupLoadException;
import io.nemesisdb.transport.OpenConnections;
import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import sun.misc.Signal;

/**
 * Starts the server: reads the 0.6.4 command line, checks every setting, starts Helidon, prints
 * the one start-up line, and on SIGTERM closes clients with 1001 and exits 0. Any start-up failure ends with one line on
 * standard error and a non-zero exit, never a stack trace.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Config config;
        ServerSettings settings;
        try {
            Map<String, String> launchSettings = LaunchOptions.parse(args);
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            config = resolver.getBuilder()
                    .addDefaultSources()
                    .addDiscoveredSources()
                    .addDiscoveredConverters()
                    .withSources(new LaunchConfigSource(launchSettings))
                    .build();
            resolver.registerConfig(config, Thread.currentThread().getContextClassLoader());
            settings = ServerSettings.from(config);
        } catch (SettingsException e) {
            exit(2, e.getMessage());
            return;
        }
        String address = settings.host() + ":" + settings.port();
        Server server;
        try {
            checkPortFree(settings);
            server = Server.builder().config(config).build().start();
        } catch (Throwable e) {
            StartupLoadException loadFailure = StartupLoadException.findIn(e);
            if (loadFailure != null) {
                exit(1, loadFailure.getMessage());
                return;
            }
            exit(1, "cannot start on " + address + ": " + rootMessage(e));
            return;
        }
        if (server.port() < 0) {
            exit(1, "cannot start on " + address + ": the WebSocket listener did not start (see the log above)");
            return;
        }
        Signal.handle(new Signal("TERM"), signal -> stop());
        System.out.printf("NemesisDB %s ready: %s mode, ws://%s:%d/, persist %s (%s)%n",
                version(), settings.mode().name().toLowerCase(Locale.ROOT), settings.host(), server.port(),
                settings.persistEnabled() ? "enabled" : "disabled", settings.persistPath());
    }

    /** Fails early, with the cause, when the port is taken (Helidon would only log it). */
    private static void checkPortFree(ServerSettings settings) throws IOException {
        if (settings.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(settings.host(), settings.port()));
        }
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static void stop() {
        try {
            CDI.current().select(OpenConnections.class).get().closeAll("server shutting down");
        } finally {
            System.exit(0);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    private static void exit(int status, String message) {
        System.err.println("nemesisdb: " + message);
        System.exit(status);
    }
}
