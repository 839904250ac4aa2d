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
 * @param saveReplies whether a save replies 120 then 121 (0.6.4) or only 121 (0.6.5+ clients)
 *                    ({@code nemesis.persist.save-replies})
 * @param loadName the dataset to load at start-up, or {@code null} ({@code nemesis.load.name}, {@code --loadName})
 * @param loadPath where that dataset is ({@code nemesis.load.path}, {@code --loadPath}; default: the persist path)
 * @param transport which WebSocket implementation serves clients ({@code nemesis.transport})
 * @param eventLoops how many event loops the netty transport runs ({@code nemesis.event-loops}; 0: one per core)
 * @param busyPoll how long an event loop of the netty transport polls without sleeping after its last event
 *                 ({@code nemesis.busy-poll-us}, microseconds; zero: it sleeps at once)
 * @param maxConnections the most client connections open at once ({@code nemesis.max-connections}); more are
 *                       refused in the handshake with 503
 * @param idleTimeout how long a client may send nothing before it is closed with 1000
 *                    ({@code nemesis.idle-timeout}, seconds; zero: never)
 * @param handshakeTimeout how long a connection may take to complete its opening handshake
 *                         ({@code nemesis.handshake-timeout}, seconds)
 * @param maxMemory heap in use after a collection above which commands that store more are
 *                  refused with 16 ({@code nemesis.max-memory}; bytes or a share of the maximum heap)
 * @param maxReplySize the largest reply in bytes; a command whose reply would be larger gets 18
 *                     ({@code nemesis.max-reply-size}; {@code auto}: an eighth of the maximum heap, at
 *                     most 64 MiB and at most {@code nemesis.max-reply-backlog})
 * @param maxReplyBacklog the most bytes of replies one client may leave unread before it is
 *                        closed with 1008 ({@code nemesis.max-reply-backlog})
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
                             SaveReplies saveReplies,
                             String loadName,
                             Path loadPath,
                             Transport transport,
                             int eventLoops,
                             Duration busyPoll,
                             int maxConnections,
                             Duration idleTimeout,
                             Duration handshakeTimeout,
                             long maxMemory,
                             int maxReplySize,
                             long maxReplyBacklog,
                             Duration queryBudget,
                             int queryThreads) {

    private static final long AUTO_REPLY_SIZE_CAP = 64L << 20;

    /** Reads and checks every setting. */
    public static ServerSettings from(Config config) {
        SettingReader read = new SettingReader(config);
        long heap = Runtime.getRuntime().maxMemory();
        long maxReplyBacklog = read.size("nemesis.max-reply-backlog", heap);
        if (maxReplyBacklog < 64 * 1024) {
            throw new SettingsException("setting nemesis.max-reply-backlog is " + maxReplyBacklog + " bytes, less than 64 KiB");
        }
        long maxReplySize = "auto".equalsIgnoreCase(read.string("nemesis.max-reply-size"))
                ? Math.min(Math.min(heap / 8, AUTO_REPLY_SIZE_CAP), maxReplyBacklog) : read.size("nemesis.max-reply-size", heap);
        if (maxReplySize > maxReplyBacklog || maxReplySize > Integer.MAX_VALUE - 16) {
            throw new SettingsException("setting nemesis.max-reply-size is " + maxReplySize + " bytes, more than "
                    + "nemesis.max-reply-backlog (" + maxReplyBacklog + "): a client could not receive such a reply");
        }
        Path persistPath = Path.of(read.string("nemesis.persist.path")).toAbsolutePath().normalize();
        return new ServerSettings(
                read.string("server.host"),
                read.integer("server.port", 0, 65535),
                read.bool("nemesis.sessions-enabled") ? Mode.SESSIONS : Mode.KV,
                read.integer("nemesis.max-payload", 1, Integer.MAX_VALUE),
                read.integer("nemesis.max-depth", 1, 100_000),
                read.bool("nemesis.persist.enabled"),
                persistPath,
                SaveReplies.parse("nemesis.persist.save-replies", read.string("nemesis.persist.save-replies")),
                read.optionalString("nemesis.load.name"),
                read.optionalString("nemesis.load.path") == null ? persistPath
                        : Path.of(read.optionalString("nemesis.load.path")).toAbsolutePath().normalize(),
                Transport.parse("nemesis.transport", read.string("nemesis.transport")),
                read.integer("nemesis.event-loops", 0, 1024),
                Duration.ofNanos(1000L * read.integer("nemesis.busy-poll-us", 0, 1_000_000)),
                read.integer("nemesis.max-connections", 1, 1_000_000),
                Duration.ofSeconds(read.integer("nemesis.idle-timeout", 0, Integer.MAX_VALUE)),
                Duration.ofSeconds(read.integer("nemesis.handshake-timeout", 1, 3600)),
                read.size("nemesis.max-memory", heap),
                (int) maxReplySize,
                maxReplyBacklog,
                Duration.ofMillis(read.integer("nemesis.query.budget-ms", 1, 3_600_000)),
                queryThreads(read.integer("nemesis.query.threads", 0, 1024)));
    }

    /** 0 leaves a processor to the connections, so that expensive commands never occupy them all. */
    private static int queryThreads(int configured) {
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }
}
