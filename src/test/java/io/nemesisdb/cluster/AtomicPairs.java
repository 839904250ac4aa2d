package io.nemesisdb.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import io.nemesisdb.support.Replies;
import io.nemesisdb.support.WsClient;
import jakarta.json.JsonObject;

/**
 * The atomicity checker of the cluster tests: one client writes pairs {@code {a: i, b: i}} in one
 * command, i = 1, 2, ..., while other clients read both in one command, for {@code millis}; a
 * reader that sees the two differ, or an older pair after a newer one, has seen a command half
 * applied or out of order.
 */
final class AtomicPairs {

    /** What the check saw: the writes acknowledged, the reads, and each wrong pair with the one before it. */
    record Result(int writes, int reads, List<String> violations) {
    }

    private AtomicPairs() {
    }

    /**
     * @param write the request writing pair i, whose reply is {@code writeReply} with status 1
     * @param read the request reading both, whose reply {@code readReply} holds them under {@code keys} as {@code a} and {@code b}
     */
    static Result check(Callable<WsClient> writer, List<Callable<WsClient>> readers, IntFunction<String> write,
            String writeReply, String read, String readReply, String a, String b, long millis) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<String> violations = new ArrayList<>();
        int reads = 0;
        try (ExecutorService threads = Executors.newCachedThreadPool()) {
            Future<Integer> writes = threads.submit(() -> {
                int i = 0;
                try (WsClient client = writer.call()) {
                    while (!stop.get()) {
                        i++;
                        ok(client, write.apply(i), writeReply);
                    }
                }
                return i;
            });
            List<Future<Integer>> reading = new ArrayList<>();
            for (Callable<WsClient> reader : readers) {
                reading.add(threads.submit(() -> {
                    int last = 0;
                    int count = 0;
                    try (WsClient client = reader.call()) {
                        while (!stop.get()) {
                            JsonObject keys = ok(client, read, readReply).getJsonObject("keys");
                            int x = keys.getInt(a);
                            int y = keys.getInt(b);
                            count++;
                            if (x != y || x < last) {
                                synchronized (violations) {
                                    violations.add(keys + " after " + last);
                                }
                            }
                            last = x;
                        }
                    }
                    return count;
                }));
            }
            Thread.sleep(millis);
            stop.set(true);
            for (Future<Integer> reader : reading) {
                reads += reader.get();
            }
            return new Result(writes.get(), reads, violations);
        }
    }

    private static JsonObject ok(WsClient client, String request, String reply) throws java.io.IOException {
        String text = client.request(request);
        JsonObject body = Replies.body(text, reply);
        if (body.getInt("st") != 1) {
            throw new AssertionError(request + " -> " + text);
        }
        return body;
    }
}
