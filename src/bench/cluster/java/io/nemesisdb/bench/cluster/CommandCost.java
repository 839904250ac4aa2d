package io.nemesisdb.bench.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Cost per command on member A: window 1 (one call at a time, median and p99 latency) and pipelined (64 async
 * calls in flight, and as many virtual threads making blocking calls; throughput), against an in-process {@link ConcurrentHashMap}. Keys are split by whether A
 * owns their primary copy, which is what decides the network hops. Rounds alternate the operations; the
 * figures are medians over rounds.
 */
final class CommandCost {

    private static final int KEYS = 4096;
    private static final int WINDOW = 64;

    private final SpikeGrid grid;
    private final long phaseNanos;
    private final int rounds;
    private final List<String> localKeys = new ArrayList<>();
    private final List<String> remoteKeys = new ArrayList<>();
    private final List<String> allKeys = new ArrayList<>();
    private final ConcurrentHashMap<String, Integer> inProcess = new ConcurrentHashMap<>();

    CommandCost(SpikeGrid grid, long phaseMillis, int rounds) {
        this.grid = grid;
        this.phaseNanos = phaseMillis * 1_000_000;
        this.rounds = rounds;
        Map<String, Integer> fill = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            String key = "cost-" + i;
            allKeys.add(key);
            (grid.ownsLocally(key) ? localKeys : remoteKeys).add(key);
            fill.put(key, i);
            inProcess.put(key, i);
        }
        grid.setAll(fill);
    }

    void print(String engine) throws InterruptedException {
        Map<String, IntFunction<Object>> windowOne = new LinkedHashMap<>();
        windowOne.put("in-process map get", i -> inProcess.get(key(allKeys, i)));
        windowOne.put("in-process map set", i -> inProcess.put(key(allKeys, i), i));
        windowOne.put("get, A owns the key", i -> grid.get(key(localKeys, i)));
        if (!remoteKeys.isEmpty()) {
            windowOne.put("get, another member owns it", i -> grid.get(key(remoteKeys, i)));
        }
        windowOne.put("set, A owns the key", i -> run(() -> grid.set(key(localKeys, i), i)));
        if (!remoteKeys.isEmpty()) {
            windowOne.put("set, another member owns it", i -> run(() -> grid.set(key(remoteKeys, i), i)));
        }
        windowOne.put("get, any owner", i -> grid.get(key(allKeys, i)));
        windowOne.put("set, any owner", i -> run(() -> grid.set(key(allKeys, i), i)));
        windowOne.put("bulk put of 10 keys (not atomic)", i -> run(() -> grid.setAll(tenKeys(i))));
        windowOne.put("session: entry processor writes 2 keys", i -> run(() -> grid.sessionWritePair("cost-s-" + i % 64, i)));
        windowOne.put("session: entry processor reads 2 keys", i -> grid.sessionReadPair("cost-s-" + i % 64));
        windowOne.put("kv: atomic write of 2 keys", i -> run(() -> grid.kvWritePairAtomic(key(allKeys, i), key(allKeys, i + 1), i)));
        windowOne.put("kv: isolated read of 2 keys", i -> grid.kvReadPairAtomic(key(allKeys, i), key(allKeys, i + 1)));
        Map<String, IntFunction<CompletionStage<?>>> pipelined = new LinkedHashMap<>();
        pipelined.put("async get", i -> grid.getAsync(key(allKeys, i)));
        pipelined.put("async set", i -> grid.setAsync(key(allKeys, i), i));

        Map<String, List<long[]>> latencies = new LinkedHashMap<>();
        Map<String, List<Long>> throughputs = new LinkedHashMap<>();
        Map<String, List<Long>> concurrent = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            windowOne.forEach((name, op) -> latencies.computeIfAbsent(name, n -> new ArrayList<>()).add(windowOne(op)));
            pipelined.forEach((name, op) -> throughputs.computeIfAbsent(name, n -> new ArrayList<>()).add(pipelined(op)));
            for (String name : List.of("get, any owner", "set, any owner")) {
                IntFunction<Object> op = windowOne.get(name);
                concurrent.computeIfAbsent(name, n -> new ArrayList<>()).add(onVirtualThreads(op));
            }
        }
        System.out.printf("cost on A (%s, %d members, backups 1; %d local / %d remote keys; medians of %d rounds;"
                + " busy shared 2-core machine)%n", engine, grid.clusterSize(), localKeys.size(), remoteKeys.size(), rounds);
        latencies.forEach((name, runs) -> System.out.printf("  window 1  %-42s median %8.1f us  p99 %8.1f us  %9d ops/s%n",
                name, median(runs, 0) / 1000.0, median(runs, 1) / 1000.0, median(runs, 2)));
        throughputs.forEach((name, runs) -> System.out.printf("  window %d %-42s %9d ops/s%n",
                WINDOW, name, median(runs)));
        concurrent.forEach((name, runs) -> System.out.printf("  %d virtual threads, sync %-27s %9d ops/s%n",
                WINDOW, name, median(runs)));
    }

    /** {median ns, p99 ns, ops/s} of calling {@code op} back to back for one phase. */
    private long[] windowOne(IntFunction<Object> op) {
        long[] samples = new long[1 << 20];
        int count = 0;
        long start = System.nanoTime();
        long end = start + phaseNanos;
        long now = start;
        while (now < end && count < samples.length) {
            op.apply(count);
            long after = System.nanoTime();
            samples[count++] = after - now;
            now = after;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new long[] {sorted[count / 2], sorted[(int) (count * 0.99)], count * 1_000_000_000L / (now - start)};
    }

    /** Operations per second with {@value #WINDOW} async calls in flight. */
    private long pipelined(IntFunction<CompletionStage<?>> op) {
        Semaphore window = new Semaphore(WINDOW);
        long start = System.nanoTime();
        long end = start + phaseNanos;
        int issued = 0;
        while (System.nanoTime() < end) {
            window.acquireUninterruptibly();
            op.apply(issued++).whenComplete((result, failure) -> window.release());
        }
        window.acquireUninterruptibly(WINDOW);
        return issued * 1_000_000_000L / (System.nanoTime() - start);
    }

    /** Operations per second of {@value #WINDOW} virtual threads each calling {@code op} back to back. */
    private long onVirtualThreads(IntFunction<Object> op) throws InterruptedException {
        LongAdder done = new LongAdder();
        long start = System.nanoTime();
        long end = start + phaseNanos;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < WINDOW; t++) {
            int first = t * 1000;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = first; System.nanoTime() < end; i++) {
                    op.apply(i);
                    done.increment();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return done.sum() * 1_000_000_000L / (System.nanoTime() - start);
    }

    private Map<String, Integer> tenKeys(int i) {
        Map<String, Integer> keys = new HashMap<>();
        for (int k = 0; k < 10; k++) {
            keys.put(key(allKeys, i * 10 + k), i);
        }
        return keys;
    }

    private static String key(List<String> keys, int i) {
        return keys.get(Math.floorMod(i, keys.size()));
    }

    private static Object run(Runnable op) {
        op.run();
        return null;
    }

    private static long median(List<Long> runs) {
        return runs.stream().sorted().toList().get(runs.size() / 2);
    }

    private static long median(List<long[]> runs, int field) {
        return runs.stream().mapToLong(run -> run[field]).sorted().toArray()[runs.size() / 2];
    }
}
