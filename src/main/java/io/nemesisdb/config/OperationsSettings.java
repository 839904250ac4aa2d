package io.nemesisdb.config;

import java.time.Duration;
import java.util.Optional;

import io.nemesisdb.persist.SaveName;
import org.eclipse.microprofile.config.Config;

/**
 * The settings an operator needs around the protocol: where health and metrics answer, how long
 * a graceful shutdown may take, and which dataset to save on the way out. Read and checked like
 * {@link ServerSettings}; defaults live in {@code microprofile-config.properties}.
 *
 * @param adminPort the port of the admin listener ({@code nemesis.admin-port}; 0 picks a free one),
 *                  bound to the same host as the WebSocket listener
 * @param shutdownTimeout the longest a shutdown may take, final save included ({@code nemesis.shutdown-timeout}, seconds)
 * @param saveOnStop the dataset saved when the server stops ({@code nemesis.persist.save-on-stop}; empty: none);
 *                   a valid dataset name, and only with saving enabled
 * @param loadMissingOk whether a start-up load of a dataset never saved completely starts the
 *                      server empty instead of stopping it ({@code nemesis.load.missing-ok})
 */
public record OperationsSettings(int adminPort, Duration shutdownTimeout, Optional<String> saveOnStop,
                                 boolean loadMissingOk) {

    /** The name of the Helidon listener that serves health and metrics. */
    public static final String ADMIN_SOCKET = "admin";

    /** Reads and checks the operations settings. */
    public static OperationsSettings from(Config config) {
        SettingReader read = new SettingReader(config);
        return new OperationsSettings(
                read.integer("nemesis.admin-port", 0, 65535),
                Duration.ofSeconds(read.integer("nemesis.shutdown-timeout", 1, 3600)),
                saveOnStop(read),
                read.bool("nemesis.load.missing-ok"));
    }

    /**
     * The dataset to save on stop, checked now rather than at shutdown, when it is too late to
     * fix: a name the save would refuse, or saving disabled, stops the start-up.
     */
    private static Optional<String> saveOnStop(SettingReader read) {
        String name = read.optionalString("nemesis.persist.save-on-stop");
        if (name == null) {
            return Optional.empty();
        }
        if (SaveName.problem(name) != null) {
            throw new SettingsException("setting nemesis.persist.save-on-stop is '" + name + "': " + SaveName.rule());
        }
        if (!read.bool("nemesis.persist.enabled")) {
            throw new SettingsException("setting nemesis.persist.save-on-stop is '" + name
                    + "', but saving is disabled (nemesis.persist.enabled=false): enable saving or remove the setting");
        }
        return Optional.of(name);
    }
}
