package io.nemesisdb.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipelined load generator for any server of the NemesisDB protocol (this one or NemesisDB
 * 0.6.4): opens the connections (creating a session on each in sessions mode), fills the keys,
 * warms up, then measures for a fixed time and prints ops/s, latency percentiles, and the CPU
 * the generator (and, given {@code --server-pid}, the server) used. Run with no options for the
 * usage line's defaults; see {@link BenchOptions}.
 */
public final class LoadGenerator {

    private static final Pattern TOKEN = Pattern.compile("\"tkn\":(\\d+)");
    private static final int KEYS_PER_FILL_MESSAGE = 100;

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<String> tokens = new ArrayList<>();
        List<LoadConnection> connections = open(options, tokens);
        if (options.op().equals("load")) {
            System.out.printf("loaded %d keys of %d-character values%s%n", options.keys(), options.valueSize(),
                    !options.serverPids().isEmpty() ? "; server RSS " + ServerProcess.rssMiB(options.serverPids().get(0)) + " MiB" : "");
            return;
        }
        run(options, connections);
        endSessions(options, tokens);
    }

    /** Ends the sessions the run created, so that later runs find the server as it was. */
    private static void endSessions(BenchOptions options, List<String> tokens) throws IOException {
        if (tokens.isEmpty()) {
            return;
        }
        WsPipe pipe = WsPipe.connect(options.url(), options.accessKey());
        for (String token : tokens) {
            byte[] request = ("{\"SH_END\":{\"tkn\":" + token + "}}").getBytes(StandardCharsets.US_ASCII);
            pipe.sendText(request, request.length);
        }
        pipe.flushFully();
        for (int i = 0; i < tokens.size(); i++) {
            pipe.awaitText();
        }
        pipe.channel.close();
    }

    private static List<LoadConnection> open(BenchOptions options, List<String> tokens) throws IOException {
        List<LoadConnection> connections = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            WsPipe pipe = WsPipe.connect(options.url(), options.accessKey());
            String token = options.sessions() ? newSession(pipe, i) : null;
            if (token != null) {
                tokens.add(token);
            }
            RequestEncoder encoder = new RequestEncoder(token, options.valueSize());
            if (options.needsPreload()) {
                int from = options.sessions() ? 0 : (int) ((long) options.keys() * i / options.connections());
                int to = options.sessions() ? options.keysPerConnection() : (int) ((long) options.keys() * (i + 1) / options.connections());
                fill(pipe, encoder, from, to);
            }
            connections.add(new LoadConnection(pipe, encoder, options, 31L * i + 17));
        }
        return connections;
    }

    private static String newSession(WsPipe pipe, int index) throws IOException {
        byte[] request = ("{\"SH_NEW\":{\"name\":\"bench" + index + "-" + ProcessHandle.current().pid()
                + "\",\"shared\":false,\"expiry\":{\"duration\":0,\"deleteSession\":true}}}").getBytes();
        pipe.sendText(request, request.length);
        pipe.flushFully();
        String reply = pipe.awaitText();
        Matcher token = TOKEN.matcher(reply);
        if (!reply.contains("\"st\":1") || !token.find()) {
            throw new IOException("SH_NEW failed (is the server in sessions mode?): " + reply);
        }
        return token.group(1);
    }

    /** Stores keys {@code [from, to)} with quiet sets, then waits for a KV_COUNT reply. */
    private static void fill(WsPipe pipe, RequestEncoder encoder, int from, int to) throws IOException {
        for (int key = from; key < to; key += KEYS_PER_FILL_MESSAGE) {
            encoder.setRange(key, Math.min(to, key + KEYS_PER_FILL_MESSAGE));
            if (!pipe.hasRoom(encoder.length())) {
                pipe.flushFully();
            }
            pipe.sendText(encoder.bytes(), encoder.length());
        }
        encoder.count();
        pipe.sendText(encoder.bytes(), encoder.length());
        pipe.flushFully();
        String reply;
        while (!(reply = pipe.awaitText()).contains("KV_COUNT_RSP")) {
            System.err.println("fill error: " + reply);
        }
    }

    private static void run(BenchOptions options, List<LoadConnection> connections) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + options.warmupSeconds() * 1_000_000_000L;
        long measureTo = measureFrom + options.durationSeconds() * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < options.threads(); t++) {
            List<LoadConnection> share = new ArrayList<>();
            for (int i = t; i < connections.size(); i += options.threads()) {
                share.add(connections.get(i));
            }
            threads.add(Thread.ofPlatform().name("load-" + t).start(new EventLoop(share, measureFrom, measureTo)));
        }
        sleepUntil(measureFrom);
        long generatorCpu = generatorCpuNanos();
        long serverCpu = serverCpuNanos(options);
        sleepUntil(measureTo);
        generatorCpu = generatorCpuNanos() - generatorCpu;
        serverCpu = serverCpuNanos(options) - serverCpu;
        for (Thread thread : threads) {
            thread.join();
        }
        report(options, connections, generatorCpu, serverCpu);
        for (LoadConnection connection : connections) {
            connection.pipe().channel.close();
        }
    }

    private static void report(BenchOptions options, List<LoadConnection> connections, long generatorCpu, long serverCpu) {
        LatencyHistogram all = new LatencyHistogram();
        long ops = 0;
        long errors = 0;
        for (LoadConnection connection : connections) {
            all.add(connection.latencies);
            ops += connection.ops;
            errors += connection.errors;
        }
        double seconds = options.durationSeconds();
        double opsPerSecond = ops / seconds;
        System.out.printf("%s url=%s op=%s sessions=%s connections=%d window=%d keys=%d value=%d warmup=%ds duration=%ds%n",
                Files.exists(Path.of("/proc/loadavg")) ? "load " + loadAverage() : "", options.url(), options.op(),
                options.sessions(), options.connections(), options.window(), options.keys(), options.valueSize(),
                options.warmupSeconds(), options.durationSeconds());
        System.out.printf("ops/s %,.0f  errors %d  latency p50 %d µs  p99 %d µs  p99.9 %d µs%n", opsPerSecond, errors,
                all.percentileMicros(0.50), all.percentileMicros(0.99), all.percentileMicros(0.999));
        System.out.printf("generator CPU %.2f cores (%.2f µs/op)", generatorCpu / 1e9 / seconds, generatorCpu / 1e3 / Math.max(ops, 1));
        if (!options.serverPids().isEmpty()) {
            System.out.printf("; server CPU %.2f cores (%.2f µs/op)", serverCpu / 1e9 / seconds, serverCpu / 1e3 / Math.max(ops, 1));
        }
        System.out.println();
    }

    /** The CPU time the server's processes (all of a cluster's members) have used. */
    private static long serverCpuNanos(BenchOptions options) {
        long total = 0;
        for (long pid : options.serverPids()) {
            total += ServerProcess.cpuNanos(pid);
        }
        return total;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The CPU time this process has used, all its threads. */
    static long generatorCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
