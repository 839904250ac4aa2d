package io.nemesisdb;

import java.util.Map;

import io.helidon.microprofile.server.Server;
import io.nemesisdb.config.LaunchConfigSource;
import io.nemesisdb.config.LaunchOptions;
import io.nemesisdb.config.OperationsSettings;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.SettingsException;
import io.nemesisdb.ops.GracefulShutdown;
import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import sun.misc.Signal;

/**
 * Starts the server: reads the 0.6.4 command line, checks every setting, starts Helidon, and on
 * SIGTERM runs the {@link GracefulShutdown} and exits 0 (1 when it could not complete in
 * {@code nemesis.shutdown-timeout}). Any start-up failure ends with one line on standard error
 * and a non-zero exit, never a stack trace.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Config config;
        ServerSettings settings;
        OperationsSettings operations;
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
            operations = OperationsSettings.from(config);
        } catch (SettingsException e) {
            exit(2, e.getMessage());
            return;
        }
        // before the start, so that a SIGTERM right after the start-up line is handled too
        Signal.handle(new Signal("TERM"), signal -> stop(operations));
        try {
            Server.builder().config(config).build().start();
        } catch (Throwable e) {
            exit(1, "cannot start on " + settings.host() + ":" + settings.port() + ": " + rootMessage(e));
        }
    }

    private static void stop(OperationsSettings operations) {
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(operations.shutdownTimeout().plusSeconds(2).toMillis());
                System.err.println("nemesisdb: shutdown did not finish within " + operations.shutdownTimeout().toSeconds() + " s");
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException e) {
                // the shutdown finished in time
            }
        });
        int status = 1;
        try {
            status = CDI.current().select(GracefulShutdown.class).get().run() ? 0 : 1;
        } catch (IllegalStateException e) {
            status = 0; // stopped before the container was up: nothing was served, nothing to save
        } catch (RuntimeException | Error e) {
            System.err.println("nemesisdb: shutdown failed: " + e);
        } finally {
            watchdog.interrupt();
            System.exit(status);
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
