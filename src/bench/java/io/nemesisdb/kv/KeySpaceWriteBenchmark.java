package io.nemesisdb.kv;

import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
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
 * Single-key writes from two threads into one key space, without the network: KV mode's key
 * space ({@code shared}, writes of one key skip the lock) against a session's ({@code session},
 * every write takes the lock), 10,000 keys of 32-character values as in the load generator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class KeySpaceWriteBenchmark {

    private static final int KEYS = 10_000;

    @Param({"shared", "session"})
    public String kind;

    private KeySpace keySpace;
    private JsonObject[] writes;

    /** Each thread walks the keys from its own start. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = (int) (Thread.currentThread().threadId() * 7919 % KEYS);
    }

    @Setup
    public void fill() {
        keySpace = kind.equals("shared") ? new KeySpace() : new KeySpace(16);
        writes = new JsonObject[KEYS];
        String value = "v".repeat(32);
        for (int i = 0; i < KEYS; i++) {
            writes[i] = Json.createObjectBuilder().add("k" + i, value).build();
            keySpace.setAll(writes[i]);
        }
    }

    @Benchmark
    @Threads(2)
    public void setOneKey(Cursor cursor) {
        int i = cursor.next;
        cursor.next = i + 1 == KEYS ? 0 : i + 1;
        keySpace.setAll(writes[i]);
    }
}
