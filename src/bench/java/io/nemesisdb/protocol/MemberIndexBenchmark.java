package io.nemesisdb.protocol;

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
 * ({@code before}, kept here as it was: {@code String.hashCode} folded with its high half, linear
 * probing without a bound), on the same names in the same run: building an object of
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
    private LegacyIndex legacy;

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
        legacy = LegacyIndex.build(members);
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

    @Benchmark
    public Object build() {
        return index.equals("after") ? buildAfter() : LegacyIndex.build(members);
    }

    @Benchmark
    public void lookupPresent(Blackhole hole) {
        if (index.equals("after")) {
            for (String name : lookups) {
                hole.consume(built.get(name));
            }
        } else {
            for (String name : lookups) {
                hole.consume(legacy.indexOf(name));
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
                hole.consume(legacy.indexOf(name));
            }
        }
    }

    /** The index as CompactObject had it before, for comparison: built over the names, duplicates dropped. */
    record LegacyIndex(String[] names, int[] slots) {

        /** As CompactObject.Builder did: members added to growing arrays, copied, indexed. */
        static LegacyIndex build(String[] members) {
            String[] addedNames = new String[4];
            JsonValue[] addedValues = new JsonValue[4];
            int count = 0;
            for (String member : members) {
                if (count == addedNames.length) {
                    addedNames = Arrays.copyOf(addedNames, count * 2);
                    addedValues = Arrays.copyOf(addedValues, count * 2);
                }
                addedNames[count] = member;
                addedValues[count++] = JsonValue.TRUE;
            }
            String[] n = Arrays.copyOf(addedNames, count);
            JsonValue[] v = Arrays.copyOf(addedValues, count);
            if (count <= 8) {
                return new LegacyIndex(n, null); // scanned, as before and after
            }
            int[] slots = new int[Integer.highestOneBit(count) << 2];
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int slot = slotOf(slots, n, n[i]);
                if (slots[slot] != 0) {
                    v[slots[slot] - 1] = v[i];
                } else {
                    n[kept] = n[i];
                    v[kept] = v[i];
                    slots[slot] = ++kept;
                }
            }
            return new LegacyIndex(n, slots);
        }

        private static int slotOf(int[] slots, String[] names, String name) {
            int mask = slots.length - 1;
            int h = name.hashCode();
            int slot = (h ^ h >>> 16) & mask;
            while (slots[slot] != 0 && !names[slots[slot] - 1].equals(name)) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        int indexOf(String name) {
            if (slots == null) {
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equals(name)) {
                        return i;
                    }
                }
                return -1;
            }
            return slots[slotOf(slots, names, name)] - 1;
        }
    }
}
