package io.nemesisdb.jsonpath;

import java.math.BigDecimal;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.nemesisdb.json.LiteralNumber;
import jakarta.json.JsonNumber;
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
 * Filter comparisons ({@code a < b} and {@code b < a}; {@code ==} compares numbers alike) of
 * 1,000 pairs of number literals: {@code after},
 * {@link JsonValues} (as BigDecimals up to 1,000 characters, on their text beyond), against
 * {@code before}, as JsonValues compared them (always as BigDecimals), each literal's BigDecimal
 * built on first use and kept. {@code cached}: the same
 * values compared again, as repeated queries over stored values do (before pays nothing to build);
 * {@code fresh}: values compared for the first time, as a new query literal or a value just stored.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class NumberComparisonBenchmark {

    private static final int PAIRS = 1000;

    @Param({"before", "after"})
    public String comparison;

    @Param({"integers", "decimals", "300digits", "3000digits"})
    public String literals;

    @Param({"cached", "fresh"})
    public String values;

    private String[] left;
    private String[] right;
    private LiteralNumber[] leftNumbers;
    private LiteralNumber[] rightNumbers;

    @Setup
    public void prepare() {
        Random random = new Random(7);
        left = new String[PAIRS];
        right = new String[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            left[i] = literal(random);
            right[i] = random.nextInt(4) == 0 ? left[i] : literal(random);
        }
        leftNumbers = numbers(left);
        rightNumbers = numbers(right);
    }

    private String literal(Random random) {
        return switch (literals) {
            case "integers" -> Integer.toString(random.nextInt(2_000_000) - 1_000_000);
            case "decimals" -> random.nextInt(1000) + "." + random.nextInt(1000) + (random.nextBoolean() ? "" : "e-" + random.nextInt(5));
            case "300digits" -> (random.nextInt(9) + 1) + "0123456789".repeat(29) + random.nextInt(1_000_000_000);
            default -> (random.nextInt(9) + 1) + "0123456789".repeat(299) + random.nextInt(1_000_000_000);
        };
    }

    private static LiteralNumber[] numbers(String[] texts) {
        LiteralNumber[] numbers = new LiteralNumber[texts.length];
        for (int i = 0; i < texts.length; i++) {
            numbers[i] = new LiteralNumber(texts[i]);
        }
        return numbers;
    }

    @Benchmark
    public void lessBothWays(Blackhole hole) {
        boolean fresh = values.equals("fresh");
        boolean after = comparison.equals("after");
        for (int i = 0; i < PAIRS; i++) {
            JsonNumber a = fresh ? new LiteralNumber(left[i]) : leftNumbers[i];
            JsonNumber b = fresh ? new LiteralNumber(right[i]) : rightNumbers[i];
            if (after) {
                hole.consume(JsonValues.less(a, b));
                hole.consume(JsonValues.less(b, a));
            } else {
                hole.consume(lessBefore(a, b));
                hole.consume(lessBefore(b, a));
            }
        }
    }

    private static boolean lessBefore(JsonNumber a, JsonNumber b) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        return x != null && y != null && x.compareTo(y) < 0;
    }

    private static BigDecimal decimal(JsonNumber number) {
        try {
            return number.bigDecimalValue();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
