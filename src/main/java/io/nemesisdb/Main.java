package io.nemesisdb;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import io.helidon.microprofile.server.Server;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.nemesisdb.client.cli.Cli;
import io.nemesisdb.config.ClusterSettings;
import io.nemesisdb.config.KnownSettings;
import io.nemesisdb.config.LaunchConfigSource;
import io.nemesisdb.config.LaunchOptions;
import io.nemesisdb.config.OperationsSettings;
import io.nemesisdb.config.SecuritySettings;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.SettingsException;
import io.nemesisdb.ops.GracefulShutdown;
import io.nemesisdb.ops.ServerInfo;
import io.nemesisdb.persist.PersistPathCheck;
import io.nemesisdb.persist.StartupLoadException;
import io.nemesisdb.security.KeyFile;
import io.nemesisdb.security.KeyTool;
import io.nemesisdb.security.TlsMaterial;
import io.nemesisdb.transport.WebSocketListener;
import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import sun.misc.Signal;

/**
 * Starts the server: answers {@code --help} and {@code --version}, reads the 0.6.4 command line,
 * warns about names that look like settings but are none, checks every setting, that both ports
 * are free and (with saving enabled) that the persist path is writable, starts Helidon, prints the
 * one start-up line, and on SIGTERM or SIGINT runs the {@link GracefulShutdown} and exits 0 (1
 * when it could not complete within {@code nemesis.shutdown-timeout}). Any start-up failure ends
 * with one line on standard error and a non-zero exit, never a stack trace.
 */
public final class Main {

    private static final java.util.concurrent.atomic.AtomicBoolean STOPPING = new java.util.concurrent.atomic.AtomicBoolean();
    /** Helidon's setting of its JVM-wide deserialization filter (JEP 290): classes that Java serialization may read. */

    private Main() {
    }

    public static void main(String[] args) {
        if (LaunchOptions.asksForHelp(args)) {
            System.out.print(LaunchOptions.help(KnownSettings.load()));
            return;
        }
        if (LaunchOptions.asksForVersion(args)) {
            System.out.println("NemesisDB " + ServerInfo.version() + " (Java " + Runtime.version() + ", " + System.getProperty("java.home") + ")");
            return;
        }
        if (args.length > 0 && args[0].equals("key")) {
            System.exit(KeyTool.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("cli")) {
            Cli.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Config config;
        ServerSettings settings;
        OperationsSettings operations;
        SecuritySettings security;
        ClusterSettings cluster;
        try {
            Map<String, String> launchSettings = LaunchOptions.parse(args, Main::warn);
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            config = resolver.getBuilder()
                    .addDefaultSources()
                    .addDiscoveredSources()
                    .addDiscoveredConverters()
                    .withSources(new LaunchConfigSource(launchSettings))
                    .build();
            resolver.registerConfig(config, Thread.currentThread().getContextClassLoader());
            warnAboutUnknownSettings(config);
            settings = ServerSettings.from(config);
            operations = OperationsSettings.from(config);
            security = SecuritySettings.from(config);
            cluster = ClusterSettings.from(config);
            checkAccess(settings, security);
        } catch (SettingsException e) {
            exit(2, e.getMessage());
            return;
        }
        String address = settings.host() + ":" + settings.port();
        // until the server runs there is nothing to finish or save: a signal ends the start-up at once
        // (Helidon's own shutdown would fail with a stack trace in the middle of a start-up load)
        Signal.handle(new Signal("TERM"), signal -> abortStartUp("SIGTERM"));
        Signal.handle(new Signal("INT"), signal -> abortStartUp("SIGINT"));
        try {
            checkPorts(settings, operations, cluster);
            checkPersistPath(settings);
            Server.builder().config(config).build().start();
        } catch (SettingsException e) {
            exit(2, e.getMessage());
            return;
        } catch (PortException e) {
            exit(1, e.getMessage());
            return;
        } catch (Throwable e) {
            StartupLoadException loadFailure = StartupLoadException.findIn(e);
            if (loadFailure != null) {
                exit(1, loadFailure.getMessage());
                return;
            }
            exit(1, "cannot start on " + address + ": " + rootMessage(e));
            return;
        }
        int port = CDI.current().select(WebSocketListener.class).get().port();
        if (port < 0) {
            exit(1, "cannot start on " + address + ": the WebSocket listener did not start (see the log above)");
            return;
        }
        if (adminPort() < 0) {
            exit(1, "cannot start the admin listener on " + settings.host() + ":" + operations.adminPort() + " (see the log above)");
            return;
        }
        // Ctrl-C (SIGINT) stops as gracefully as SIGTERM: the JVM's default would skip the final save
        Signal.handle(new Signal("TERM"), signal -> stop(operations, "SIGTERM"));
        Signal.handle(new Signal("INT"), signal -> stop(operations, "SIGINT"));
        String secure = security.tls() ? "s" : "";
        System.out.printf("NemesisDB %s ready: %s mode, ws%s://%s:%d/, admin http%s://%s:%d/, persist %s (%s)%s%n",
                ServerInfo.version(), settings.mode().name().toLowerCase(Locale.ROOT), secure, settings.host(), port,
                secure, settings.host(), adminPort(),
                settings.persistEnabled() ? "enabled" : "disabled", settings.persistPath(),
                security.clientsAuthenticated() ? ", access keys required" : "");
    }

    /**
     * Protected mode: with no access key (nor client certificates) the server serves only its own
     * machine, unless told otherwise; and a key file or TLS files that cannot be used stop the
     * start-up with one line.
     */
    private static void checkAccess(ServerSettings settings, SecuritySettings security) {
        if (security.authFile() != null) {
            try {
                KeyFile.read(security.authFile());
            } catch (KeyFile.KeyFileException e) {
                throw new SettingsException("nemesis.auth.file: " + e.getMessage());
            }
        }
        if (security.tls()) {
            try {
                TlsMaterial.read(security.tlsCertificate(), security.tlsPrivateKey(), security.tlsClientCa());
            } catch (TlsMaterial.TlsFileException e) {
                throw new SettingsException("TLS: " + e.getMessage());
            }
        }
        if (!security.clientsAuthenticated() && !security.insecure() && !isLoopback(settings.host())) {
            throw new SettingsException("refusing to listen on " + settings.host() + " without an access key: anyone who can"
                    + " reach it could read and wipe every key. Set nemesis.auth.key (NEMESIS_AUTH_KEY; make one with"
                    + " 'java -jar nemesisdb.jar key new'), or nemesis.auth.insecure=true to serve everyone");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * A warning for each name from any source (system properties, environment variables, config
     * files) that looks like a NemesisDB setting but is none: a misspelt setting is otherwise
     * silently ignored.
     */
    private static void warnAboutUnknownSettings(Config config) {
        KnownSettings known = KnownSettings.load();
        for (ConfigSource source : config.getConfigSources()) {
            for (String name : source.getPropertyNames()) {
                known.unknown(name, source.getName()).ifPresent(Main::warn);
            }
        }
    }

    /**
     * Fails early, naming the port and the setting that moves it, when a listener could not bind:
     * Helidon would log a stack trace naming another port, or none.
     */
    private static void checkPorts(ServerSettings settings, OperationsSettings operations, ClusterSettings cluster) {
        if (settings.port() != 0 && settings.port() == operations.adminPort()) {
            throw new SettingsException("server.port and nemesis.admin-port are both " + settings.port()
                    + ": the WebSocket and the admin listener need a port each; change one of them");
        }
        if (cluster.enabled() && (cluster.port() == settings.port() || cluster.port() == operations.adminPort())) {
            throw new SettingsException("nemesis.cluster.port is " + cluster.port() + ", the port of another listener"
                    + " (server.port or nemesis.admin-port); each listener needs a port of its own");
        }
        checkPortFree(settings.host(), settings.port(), "cannot start on ", "server.port");
        checkPortFree(settings.host(), operations.adminPort(), "cannot start the admin listener on ", "nemesis.admin-port");
        if (cluster.enabled()) {
            checkPortFree(settings.host(), cluster.port(), "cannot start the cluster member on ", "nemesis.cluster.port");
        }
    }

    private static void checkPortFree(String host, int port, String failure, String setting) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            String why = e instanceof BindException && String.valueOf(e.getMessage()).contains("in use")
                    ? "port " + port + " is taken (another NemesisDB? a second instance must move both server.port"
                            + " and nemesis.admin-port)"
                    : String.valueOf(e.getMessage());
            throw new PortException(failure + host + ":" + port + ": " + why + "; set " + setting + " ("
                    + KnownSettings.environmentVariable(setting) + ") to a free port");
        }
    }

    /** A listener that cannot bind: a problem of the machine rather than of a setting's value, so status 1. */
    private static final class PortException extends RuntimeException {
        PortException(String message) {
            super(message);
        }
    }

    /**
     * Fails early when saving is enabled and saves could not write under the persist path (after
     * the port checks, so that a second instance started by mistake creates nothing).
     */
    private static void checkPersistPath(ServerSettings settings) {
        if (!settings.persistEnabled()) {
            return;
        }
        String problem = PersistPathCheck.problem(settings.persistPath());
        if (problem != null) {
            throw new SettingsException("cannot save datasets in " + settings.persistPath() + " (nemesis.persist.path): " + problem
                    + "; set nemesis.persist.path to a writable directory, or nemesis.persist.enabled=false");
        }
    }

    /** The port the admin listener is bound to, or -1 when it did not start. */
    private static int adminPort() {
        return CDI.current().getBeanManager().getExtension(ServerCdiExtension.class).port(OperationsSettings.ADMIN_SOCKET);
    }

    private static void stop(OperationsSettings operations, String cause) {
        if (!STOPPING.compareAndSet(false, true)) {
            return; // a second signal while stopping: the watchdog bounds the shutdown
        }
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
            status = CDI.current().select(GracefulShutdown.class).get().run(cause) ? 0 : 1;
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

    private static void warn(String warning) {
        System.err.println("nemesisdb: warning: " + warning);
    }

    private static void exit(int status, String message) {
        System.err.println("nemesisdb: " + message);
        System.exit(status);
    }

    /** Ends a start-up at once, without the shutdown hooks of a container that is still starting. */
    private static void abortStartUp(String signal) {
        System.err.println("nemesisdb: start-up stopped by " + signal);
        Runtime.getRuntime().halt(1);
    }
}
