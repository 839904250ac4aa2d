package io.nemesisdb.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.nemesisdb.client.KvAsyncCommands;
import io.nemesisdb.client.NemesisClient;
import io.nemesisdb.client.NemesisClientOptions;
import io.nemesisdb.client.SessionToken;

/**
 * The load of {@link LoadGenerator}, sent through the Java client ({@code io.nemesisdb.client})
 * instead of the generator's own NIO WebSocket code, with the same options: one client per
 * connection, {@code --window} requests in flight on each (1: each request waits for the previous
 * reply). Run both against the same server to see what the client itself costs:
 * <pre>
 * java -cp "$(cat /tmp/bench.cp):target/test-classes:target/classes" io.nemesisdb.bench.ClientBenchmark --url ws://127.0.0.1:PORT/ --window 64
 * </pre>
 * Supports {@code --op get|set|mix}, {@code --sessions}, {@code --keys}, {@code --value-size},
 * {@code --duration}, {@code --warmup}, {@code --auth-key} (wss:// uses the JDK's trusted authorities).
 */
public final class ClientBenchmark {

    private ClientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        if (!List.of("get", "set", "mix").contains(options.op())) {
            throw new IllegalArgumentException("ClientBenchmark runs --op get, set or mix");
        }
        String value = "v".repeat(options.valueSize());
        List<NemesisClient> clients = new ArrayList<>();
        List<Loop> loops = new ArrayList<>();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds() + 1);
        long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(options.durationSeconds());
        for (int i = 0; i < options.connections(); i++) {
            NemesisClient client = NemesisClient.connect(options.url(), NemesisClientOptions.defaults().withAccessKey(options.accessKey()));
            clients.add(client);
            SessionToken session = options.sessions() ? client.sync().newSession("client-bench-" + i) : null;
            KvAsyncCommands commands = session == null ? client.async() : client.async().session(session);
            if (options.needsPreload()) {
                int from = options.sessions() ? 0 : (int) ((long) options.keys() * i / options.connections());
                int to = options.sessions() ? options.keysPerConnection() : (int) ((long) options.keys() * (i + 1) / options.connections());
                for (int key = from; key < to; key += 100) {
                    Map<String, Object> batch = new HashMap<>();
                    for (int k = key; k < Math.min(to, key + 100); k++) {
                        batch.put("k" + k, value);
                    }
                    commands.setQ(batch);
                }
                commands.count().toCompletableFuture().join();
            }
            loops.add(new Loop(commands, options, value, 31L * i + 17, measureFrom, measureTo));
        }
        for (Loop loop : loops) {
            for (int w = 0; w < options.window(); w++) {
                loop.next();
            }
        }
        LoadGenerator.sleepUntil(measureFrom);
        long cpu = LoadGenerator.generatorCpuNanos();
        LoadGenerator.sleepUntil(measureTo);
        cpu = LoadGenerator.generatorCpuNanos() - cpu;
        LatencyHistogram all = new LatencyHistogram();
        long ops = 0;
        long errors = 0;
        for (Loop loop : loops) {
            loop.finished.await(30, TimeUnit.SECONDS);
            synchronized (loop) {
                all.add(loop.latencies);
                ops += loop.ops;
                errors += loop.errors;
            }
        }
        double seconds = options.durationSeconds();
        System.out.printf("java client url=%s op=%s sessions=%s connections=%d window=%d keys=%d value=%d duration=%ds%n",
                options.url(), options.op(), options.sessions(), options.connections(), options.window(), options.keys(),
                options.valueSize(), options.durationSeconds());
        System.out.printf("ops/s %,.0f  errors %d  latency p50 %d µs  p99 %d µs  p99.9 %d µs%n", ops / seconds, errors,
                all.percentileMicros(0.50), all.percentileMicros(0.99), all.percentileMicros(0.999));
        System.out.printf("client CPU %.2f cores (%.2f µs/op)%n", cpu / 1e9 / seconds, cpu / 1e3 / Math.max(ops, 1));
        clients.forEach(NemesisClient::close);
    }

    /** One connection's requests: each reply sends the next, until the measured period ends. */
    private static final class Loop {
        private final KvAsyncCommands commands;
        private final BenchOptions options;
        private final String value;
        private final SplittableRandom random;
        private final long measureFrom;
        private final long measureTo;
        private final LatencyHistogram latencies = new LatencyHistogram();
        private final CountDownLatch finished;
        private long ops;
        private long errors;

        Loop(KvAsyncCommands commands, BenchOptions options, String value, long seed, long measureFrom, long measureTo) {
            this.commands = commands;
            this.options = options;
            this.value = value;
            this.random = new SplittableRandom(seed);
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
            this.finished = new CountDownLatch(options.window());
        }

        void next() {
            int key;
            boolean set;
            synchronized (this) {
                key = random.nextInt(options.keysPerConnection());
                set = options.op().equals("set") || (options.op().equals("mix") && random.nextInt(5) == 0);
            }
            long sent = System.nanoTime();
            CompletionStage<?> reply = set ? commands.set("k" + key, value) : commands.get("k" + key);
            reply.whenComplete((result, failure) -> {
                long now = System.nanoTime();
                synchronized (this) {
                    if (sent >= measureFrom && now <= measureTo) {
                        ops++;
                        errors += failure == null ? 0 : 1;
                        latencies.record(now - sent);
                    }
                }
                if (now < measureTo) {
                    next();
                } else {
                    finished.countDown();
                }
            });
        }
    }
}
