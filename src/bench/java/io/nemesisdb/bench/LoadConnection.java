package io.nemesisdb.bench;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * One connection's share of the load: keeps {@code window} requests in flight, times each from
 * its send to its reply (replies come in request order), and counts the ops and errors of the
 * measured period. In {@code setq} mode a unit of work is {@code window} quiet sets followed by a
 * {@code KV_COUNT}, timed to the count's reply, with two units in flight.
 */
final class LoadConnection {

    private final WsPipe pipe;
    private final RequestEncoder encoder;
    private final BenchOptions options;
    private final SplittableRandom random;
    /** How many keys this connection's requests pick from. */
    private final int keys;
    private final boolean quietSets;
    private final int inFlightLimit;
    private final int opsPerReply;
    private final long[] sentAt;
    private int head;
    private int tail;
    private int inFlight;
    private long sequence;

    long ops;
    long errors;
    final LatencyHistogram latencies = new LatencyHistogram();

    LoadConnection(WsPipe pipe, RequestEncoder encoder, BenchOptions options, long seed) {
        this.pipe = pipe;
        this.encoder = encoder;
        this.options = options;
        this.random = new SplittableRandom(seed);
        this.keys = options.keysPerConnection();
        this.quietSets = options.op().equals("setq");
        this.inFlightLimit = quietSets ? 2 : options.window();
        this.opsPerReply = quietSets ? options.window() + 1 : 1;
        this.sentAt = new long[inFlightLimit];
    }

    WsPipe pipe() {
        return pipe;
    }

    /** Sends requests until the window is full; false when output is still pending. */
    boolean send() throws IOException {
        long now = System.nanoTime();
        while (inFlight < inFlightLimit && pipe.hasRoom(options.valueSize() * (quietSets ? options.window() : 1) + 200)) {
            if (quietSets) {
                for (int i = 0; i < options.window(); i++) {
                    encoder.set("KV_SETQ", random.nextInt(keys));
                    pipe.sendText(encoder.bytes(), encoder.length());
                }
                encoder.count();
            } else if (options.op().equals("get") || options.op().equals("mix") && sequence % 5 != 0) {
                encoder.get(random.nextInt(keys));
            } else {
                encoder.set("KV_SET", random.nextInt(keys));
            }
            pipe.sendText(encoder.bytes(), encoder.length());
            sequence++;
            sentAt[tail] = now;
            tail = (tail + 1) % sentAt.length;
            inFlight++;
        }
        return pipe.flush();
    }

    /**
     * Reads the replies that arrived; those arriving in {@code [measureFrom, measureTo)} are counted.
     *
     * @return false at the end of the stream
     */
    boolean receive(long measureFrom, long measureTo) throws IOException {
        if (!pipe.fill()) {
            return false;
        }
        long now = System.nanoTime();
        boolean measured = now >= measureFrom && now < measureTo;
        int result;
        while ((result = pipe.nextReply()) != WsPipe.NONE) {
            long sent = sentAt[head];
            head = (head + 1) % sentAt.length;
            inFlight--;
            if (measured) {
                ops += opsPerReply;
                latencies.record(now - sent);
                if (result == WsPipe.ERROR) {
                    errors++;
                }
            }
        }
        return true;
    }
}
