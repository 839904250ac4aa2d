package io.nemesisdb.session;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A sessions-mode {@code KV_} command's work on the store, without the network or the parse: find
 * the session by token (restarting its idle clock when it expires), then read or write one of its
 * two keys, over many sessions visited in a scattered order, two threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class SessionAccessBenchmark {

    @Param({"100000"})
    public int sessions;

    private long[] tokens;
    private SessionStore store;
    private JsonObject write;

    /** Each thread walks the sessions from its own start, by a stride that scatters the visits. */
    @State(Scope.Thread)
    public static class Cursor {
        long next = Thread.currentThread().threadId() * 7919;
    }

    @Setup
    public void fill() {
        SecureRandom random = new SecureRandom();
        store = new SessionStore(NanoClock.SYSTEM, random::nextLong);
        tokens = new long[sessions];
        for (int i = 0; i < sessions; i++) {
            Session session = store.createPrivate(i % 2 == 0 ? Expiry.NEVER : new Expiry(3600, false));
            session.keySpace().setAll(Json.createObjectBuilder().add("name", "user" + i).add("age", i % 100).build());
            tokens[i] = session.token();
        }
        write = Json.createObjectBuilder().add("age", 42).build();
    }

    private long token(Cursor cursor) {
        cursor.next += 40_503;
        return tokens[(int) (cursor.next % tokens.length)];
    }

    @Benchmark
    @Threads(2)
    public JsonValue get(Cursor cursor) {
        return store.access(token(cursor)).keySpace().get("name");
    }

    @Benchmark
    @Threads(2)
    public void set(Cursor cursor) {
        store.access(token(cursor)).keySpace().setAll(write);
    }
}
