package io.nemesisdb.config;

import java.nio.file.Path;
import java.time.Duration;

import io.nemesisdb.protocol.Mode;
import org.eclipse.microprofile.config.Config;

/**
 * The server's settings, read once through MicroProfile Config and checked, so that a bad value
 * stops start-up with one clear line. Defaults live in {@code microprofile-config.properties}.
 *
 * @param host the address the WebSocket listener binds ({@code server.host})
 * @param port its port ({@code server.port}; 0 picks a free one)
 * @param mode KV or sessions ({@code nemesis.sessions-enabled})
 * @param maxPayload the largest request message in bytes ({@code nemesis.max-payload})
 * @param maxDepth the deepest nesting a request may have ({@code nemesis.max-depth})
 * @param persistEnabled whether saves are allowed ({@code nemesis.persist.enabled})
 * @param persistPath where datasets are saved ({@code nemesis.persist.path})
 * @param loadName the dataset to load at start-up, or {@code null} ({@code nemesis.load.name}, {@code --loadName})
 * @param loadPath where that dataset is ({@code nemesis.load.path}, {@code --loadPath}; default: the persist path)
 * @param transport which WebSocket implementation serves clients ({@code nemesis.transport})
 * @param queryBudget the longest one request may spend evaluating JSONPath, all its evaluations
 *                    together ({@code nemesis.query.budget-ms})
 * @param queryThreads the threads that run expensive commands ({@code nemesis.query.threads};
 *                     0 in the setting: one fewer than the processors, at least one)
 */
public record ServerSettings(String host,
                             int port,
                             Mode mode,
                             int maxPayload,
                             int maxDepth,
                             boolean persistEnabled,
                             Path persistPath,
                             String loadName,
                             Path loadPath,
                             Transport transport,
                             Duration queryBudget,
                             int queryThreads) {

    /** Reads and checks every setting. */
    public static ServerSettings from(Config config) {
        SettingReader read = new SettingReader(config);
        Path persistPath = Path.of(read.string("nemesis.persist.path")).toAbsolutePath().normalize();
        return new ServerSettings(
                read.string("server.host"),
                read.integer("server.port", 0, 65535),
                read.bool("nemesis.sessions-enabled") ? Mode.SESSIONS : Mode.KV,
                read.integer("nemesis.max-payload", 1, Integer.MAX_VALUE),
                read.integer("nemesis.max-depth", 1, 100_000),
                read.bool("nemesis.persist.enabled"),
                persistPath,
                read.optionalString("nemesis.load.name"),
                read.optionalString("nemesis.load.path") == null ? persistPath
                        : Path.of(read.optionalString("nemesis.load.path")).toAbsolutePath().normalize(),
                Transport.parse("nemesis.transport", read.string("nemesis.transport")),
                Duration.ofMillis(read.integer("nemesis.query.budget-ms", 1, 3_600_000)),
                queryThreads(read.integer("nemesis.query.threads", 0, 1024)));
    }

    /** 0 leaves a processor to the connections, so that expensive commands never occupy them all. */
    private static int queryThreads(int configured) {
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }
}
