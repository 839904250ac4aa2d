package io.nemesisdb.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The member index of {@link CompactObject} ({@code after}) against the index it replaced
 * ({@code before}: {@link CompactObjectBefore}, {@code String.hashCode} folded with its high half,
 * linear probing without a bound), on the same names in the same run: building an object of
 * {@code size} members (duplicate detection included), looking every member up with a copy of
 * its name, and looking up as many absent names.
 *
 * <p>Names: {@code random} (base-36 strings of random longs: the common case), {@code numbered}
 * ({@code m0, m1, …} in base 36: nearly consecutive hash codes) and {@code colliding} (all of one
 * {@code String.hashCode}: "Aa"/"BB" combinations, padded to the same length).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class MemberIndexBenchmark {

    @Param({"before", "after"})
    public String index;

    @Param({"random", "numbered", "colliding"})
    public String names;

    @Param({"12", "20000"})
    public int size;

    private String[] members;
    /** Copies of the members' names, as a request or a query would bring them. */
    private String[] lookups;
    private String[] absent;
    private CompactObject built;
    private CompactObjectBefore builtBefore;

    @Setup
    public void prepare() {
        members = switch (names) {
            case "random" -> random(size, 1);
            case "numbered" -> numbered("m", size);
            default -> colliding(size);
        };
        lookups = Arrays.stream(members).map(name -> new String(name.toCharArray())).toArray(String[]::new);
        absent = switch (names) {
            case "random" -> random(size, 2);
            case "numbered" -> numbered("n", size);
            default -> Arrays.copyOfRange(colliding(2 * size), size, 2 * size);
        };
        built = buildAfter();
        builtBefore = buildBefore();
    }

    private static String[] random(int count, long seed) {
        Random random = new Random(seed);
        String[] result = new String[count];
        for (int i = 0; i < count; i++) {
            result[i] = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        }
        return result;
    }

    private static String[] numbered(String prefix, int count) {
        String[] result = new String[count];
        for (int i = 0; i < count; i++) {
            result[i] = prefix + Integer.toString(i, 36);
        }
        return result;
    }

    /** {@code count} names of 2 × 16 characters made of "Aa" and "BB": all of one hash code. */
    private static String[] colliding(int count) {
        List<String> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder name = new StringBuilder(32);
            for (int piece = 0; piece < 16; piece++) {
                name.append((i >> piece & 1) == 0 ? "Aa" : "BB");
            }
            result.add(name.toString());
        }
        return result.toArray(String[]::new);
    }

    private CompactObject buildAfter() {
        CompactObject.Builder builder = new CompactObject.Builder();
        for (String member : members) {
            builder.add(member, JsonValue.TRUE);
        }
        return builder.build();
    }

    private CompactObjectBefore buildBefore() {
        CompactObjectBefore.Builder builder = new CompactObjectBefore.Builder();
        for (String member : members) {
            builder.add(member, JsonValue.TRUE);
        }
        return builder.build();
    }

    @Benchmark
    public Object build() {
        return index.equals("after") ? buildAfter() : buildBefore();
    }

    @Benchmark
    public void lookupPresent(Blackhole hole) {
        if (index.equals("after")) {
            for (String name : lookups) {
                hole.consume(built.get(name));
            }
        } else {
            for (String name : lookups) {
                hole.consume(builtBefore.get(name));
            }
        }
    }

    @Benchmark
    public void lookupAbsent(Blackhole hole) {
        if (index.equals("after")) {
            for (String name : absent) {
                hole.consume(built.get(name));
            }
        } else {
            for (String name : absent) {
                hole.consume(builtBefore.get(name));
            }
        }
    }
}
