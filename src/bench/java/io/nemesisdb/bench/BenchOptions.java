package io.nemesisdb.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The load generator's command line: {@code --name value} pairs, each with a default.
 *
 * @param url the server, {@code ws://host:port/path}
 * @param connections how many WebSocket connections
 * @param window requests each connection keeps in flight (1: request, wait, repeat)
 * @param op get, set, mix (80% get, 20% set), setq (quiet sets with a KV_COUNT after each window), or load (fill the keys and exit)
 * @param sessions sessions mode: each connection creates its own session first and sends its token
 * @param keys the key count, in total: KV mode's connections share one key space of this many keys,
 *     sessions mode's connections each hold their share in their own session, so that both modes
 *     work on the same number of keys; gets and sets pick keys uniformly at random among them
 * @param valueSize the length of each string value, in characters
 * @param durationSeconds the measured period
 * @param warmupSeconds load before the measured period, not counted
 * @param threads event-loop threads of the generator (the connections are spread over them); by
 *     default one per core, at most one per connection
 * @param serverPids the server's process id, to report its CPU time per op (none: not reported); a
 *     cluster's members, the one of {@code url} first, to report the CPU time of all of them per op
 * @param accessKey a key to present in each handshake (the server's access keys), or null
 */
record BenchOptions(URI url, int connections, int window, String op, boolean sessions, int keys, int valueSize,
                    int durationSeconds, int warmupSeconds, int threads, List<Long> serverPids, String accessKey) {

    /** The keys one connection's requests pick from. */
    int keysPerConnection() {
        return sessions ? Math.max(1, (keys + connections - 1) / connections) : keys;
    }

    static final String USAGE = """
            usage: LoadGenerator [--url ws://127.0.0.1:1987/] [--connections 4] [--window 64]
                                 [--op get|set|mix|setq|load] [--sessions true|false] [--keys 10000]
                                 [--value-size 32] [--duration 5] [--warmup 3] [--threads cores] [--server-pid PID[,PID...]]
                                 [--auth-key KEY]   (wss:// URLs speak TLS and trust any certificate)""";

    static BenchOptions parse(String[] args) {
        URI url = URI.create("ws://127.0.0.1:1987/");
        int connections = 4;
        int window = 64;
        String op = "get";
        boolean sessions = false;
        int keys = 10_000;
        int valueSize = 32;
        int duration = 5;
        int warmup = 3;
        int threads = Runtime.getRuntime().availableProcessors();
        List<Long> serverPids = List.of();
        String accessKey = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value\n" + USAGE);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--url" -> url = URI.create(value);
                case "--connections" -> connections = positive(args[i], value);
                case "--window" -> window = positive(args[i], value);
                case "--op" -> op = op(value);
                case "--sessions" -> sessions = Boolean.parseBoolean(value);
                case "--keys" -> keys = positive(args[i], value);
                case "--value-size" -> valueSize = positive(args[i], value);
                case "--duration" -> duration = positive(args[i], value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--threads" -> threads = positive(args[i], value);
                case "--server-pid" -> serverPids = Arrays.stream(value.split(",")).map(pid -> Long.parseLong(pid.strip())).toList();
                case "--auth-key" -> accessKey = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        return new BenchOptions(url, connections, window, op, sessions, keys, valueSize, duration, warmup,
                Math.min(threads, connections), serverPids, accessKey);
    }

    private static String op(String value) {
        String op = value.toLowerCase(Locale.ROOT);
        return switch (op) {
            case "get", "set", "mix", "setq", "load" -> op;
            default -> throw new IllegalArgumentException("--op is get, set, mix, setq or load, not " + value);
        };
    }

    private static int positive(String name, String value) {
        int number = Integer.parseInt(value);
        if (number < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return number;
    }

    /** Whether the keys must exist before the measured load starts. */
    boolean needsPreload() {
        return op.equals("get") || op.equals("mix") || op.equals("load");
    }
}
