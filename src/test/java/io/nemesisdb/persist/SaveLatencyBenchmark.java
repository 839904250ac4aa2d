package io.nemesisdb.persist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.nemesisdb.support.Replies;
import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.WsClient;
import jakarta.json.JsonObject;

/**
 * End to end over WebSocket against a server in a child JVM: latency of another client's
 * commands before and during a large KV_SAVE (p50, p99, max), and the save's and KV_LOAD's
 * throughput as the server reports their durations. Not part of the test run:
 *
 * <pre>
 * ./mvnw -q -B -DskipTests test-compile
 * java -cp "target/test-classes:target/classes:target/libs/*" io.nemesisdb.persist.SaveLatencyBenchmark [keys]
 * </pre>
 */
public final class SaveLatencyBenchmark {

    private SaveLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Path.of("target/benchmark-latency").toAbsolutePath();
        Datasets.delete(work);
        Path persist = work.resolve("data");
        try (ServerProcess server = ServerProcess.startWithHeap("5g", Map.of("nemesis.persist.path", persist.toString()))) {
            int port = server.awaitReady();
            try (WsClient loader = WsClient.connect(port); WsClient probe = WsClient.connect(port)) {
                fill(loader, keys);
                measure("idle", probe, null, 3000);
                loader.sendText("{\"KV_SAVE\":{\"name\":\"bench\"}}");
                String started = loader.receiveText();
                long t0 = System.nanoTime();
                AtomicBoolean saving = new AtomicBoolean(true);
                Thread waiter = new Thread(() -> {
                    try {
                        String done = loader.receiveText();
                        System.out.println("save: " + started + " then " + done);
                    } catch (Exception e) {
                        e.printStackTrace();
                    } finally {
                        saving.set(false);
                    }
                });
                waiter.start();
                measure("during KV_SAVE", probe, saving, 0);
                waiter.join();
                double seconds = (System.nanoTime() - t0) / 1e9;
                long bytes = datasetBytes(persist.resolve("bench"));
                System.out.printf("save: %d keys, %.1f MB on disk, %.2f s after 120 -> %.0f MB/s%n", keys, bytes / 1e6, seconds, bytes / 1e6 / seconds);

                loader.request("{\"KV_CLEAR\":{}}");
                long l0 = System.nanoTime();
                loader.sendText("{\"KV_LOAD\":{\"name\":\"bench\"}}");
                WsClient.Frame frame = loader.receive(600_000);
                if (frame == null || !frame.isText()) {
                    throw new AssertionError("no reply to KV_LOAD: " + frame);
                }
                String loaded = frame.text();
                double loadSeconds = (System.nanoTime() - l0) / 1e9;
                JsonObject body = Replies.parse(loaded).getJsonObject("KV_LOAD_RSP");
                System.out.printf("load: %s, %.2f s -> %.0f MB/s%n", loaded, loadSeconds, bytes / 1e6 / loadSeconds);
                if (body.getInt("keys") != keys + 1) { // the keys and the probe's key
                    throw new AssertionError(loaded);
                }
            }
        }
    }

    private static void fill(WsClient client, int keys) throws Exception {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < keys; i++) {
            batch.append(batch.isEmpty() ? "{\"KV_SETQ\":{\"keys\":{" : ",");
            batch.append("\"key:").append(i).append("\":{\"id\":").append(i).append(",\"name\":\"user name ").append(i)
                    .append("\",\"email\":\"user").append(i).append("@example.com\",\"score\":12.75,\"active\":true,")
                    .append("\"tags\":[\"alpha\",\"beta\",\"gamma\"],\"address\":{\"city\":\"Zürich\",\"zip\":\"8001\"},")
                    .append("\"note\":\"lorem ipsum dolor sit amet consectetur\"}");
            if (i % 2000 == 1999 || i == keys - 1) {
                client.sendText(batch.append("}}}").toString());
                batch.setLength(0);
            }
        }
        System.out.println("filled: " + client.request("{\"KV_COUNT\":{}}"));
    }

    /** Sends KV_GET and KV_SET alternately, one at a time, while {@code running} holds or for {@code millis}. */
    private static void measure(String what, WsClient probe, AtomicBoolean running, long millis) throws Exception {
        List<Long> latencies = new ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000;
        AtomicInteger i = new AtomicInteger();
        while (running != null ? running.get() : System.nanoTime() < end) {
            int n = i.incrementAndGet();
            String request = n % 2 == 0 ? "{\"KV_GET\":{\"keys\":[\"key:" + (n * 7919 % 1000) + "\"]}}"
                    : "{\"KV_SET\":{\"keys\":{\"probe\":" + n + "}}}";
            long t = System.nanoTime();
            probe.request(request);
            latencies.add(System.nanoTime() - t);
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%s: %d requests, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", what, sorted.length,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static long datasetBytes(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (Exception e) {
                    return 0;
                }
            }).sum();
        }
    }

}
