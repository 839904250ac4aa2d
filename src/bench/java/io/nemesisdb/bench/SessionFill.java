package io.nemesisdb.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a sessions-mode server with N private sessions of two small keys each ({@code name} and
 * {@code age}, as {@code SessionMemoryMeasure} stores in process), over C connections, pipelined
 * in batches: one {@code SH_NEW} per session, then one {@code KV_SET} of both keys. For measuring
 * the memory a session takes from outside the server ({@code memory.sh} with {@code SESSIONS=1}),
 * which works against NemesisDB 0.6.4 too.
 * <pre>java -cp target/test-classes io.nemesisdb.bench.SessionFill URL SESSIONS [CONNECTIONS (4)] [ACCESS_KEY]</pre>
 */
public final class SessionFill {

    private static final Pattern TOKEN = Pattern.compile("\"tkn\":(\\d+)");
    private static final int BATCH = 512;

    private SessionFill() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SessionFill URL SESSIONS [CONNECTIONS (4)] [ACCESS_KEY]");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        int sessions = Integer.parseInt(args[1]);
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        String accessKey = args.length > 3 ? args[3] : null;
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int count = (int) ((long) sessions * (i + 1) / connections - (long) sessions * i / connections);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    fill(WsPipe.connect(url, accessKey), count);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            failures.get(0).printStackTrace();
            System.exit(1);
        }
        System.out.printf("created %d sessions of 2 keys in %d ms over %d connections%n", sessions,
                (System.nanoTime() - started) / 1_000_000, connections);
    }

    private static void fill(WsPipe pipe, int count) throws IOException {
        byte[] create = "{\"SH_NEW\":{\"name\":\"fill\",\"shared\":false}}".getBytes(StandardCharsets.US_ASCII);
        String[] tokens = new String[BATCH];
        for (int done = 0; done < count; done += BATCH) {
            int batch = Math.min(BATCH, count - done);
            for (int i = 0; i < batch; i++) {
                send(pipe, create);
            }
            pipe.flushFully();
            for (int i = 0; i < batch; i++) {
                String reply = pipe.awaitText();
                Matcher token = TOKEN.matcher(reply);
                if (!reply.contains("\"st\":1") || !token.find()) {
                    throw new IOException("SH_NEW failed (is the server in sessions mode?): " + reply);
                }
                tokens[i] = token.group(1);
            }
            for (int i = 0; i < batch; i++) {
                send(pipe, ("{\"KV_SET\":{\"tkn\":" + tokens[i] + ",\"keys\":{\"name\":\"user" + (done + i)
                        + "\",\"age\":" + (done + i) % 100 + "}}}").getBytes(StandardCharsets.US_ASCII));
            }
            pipe.flushFully();
            for (int i = 0; i < batch; i++) {
                String reply = pipe.awaitText();
                if (!reply.contains("\"st\":1")) {
                    throw new IOException("KV_SET failed: " + reply);
                }
            }
        }
        pipe.channel.close();
    }

    private static void send(WsPipe pipe, byte[] request) throws IOException {
        if (!pipe.hasRoom(request.length)) {
            pipe.flushFully();
        }
        pipe.sendText(request, request.length);
    }
}
