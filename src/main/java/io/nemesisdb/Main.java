package io.nemesisdb;

import java.util.Map;

import io.helidon.microprofile.server.Server;
import io.nemesisdb.config.LaunchConfigSource;
import io.nemesisdb.config.LaunchOptions;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.SettingsException;
import io.nemesisdb.transport.OpenConnections;
import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import sun.misc.Signal;

/**
 * Starts the server: reads the 0.6.4 command line, checks every setting, starts Helidon, and on
 * SIGTERM closes clients with 1001 and exits 0. Any start-up failure ends with one line on
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
        try {
            Server.builder().config(config).build().start();
        } catch (Throwable e) {
            exit(1, "cannot start on " + settings.host() + ":" + settings.port() + ": " + rootMessage(e));
            return;
        }
        Signal.handle(new Signal("TERM"), signal -> stop());
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
