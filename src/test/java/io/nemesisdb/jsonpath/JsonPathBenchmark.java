package io.nemesisdb.jsonpath;

import java.util.Arrays;
import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints what typical KV_FIND queries cost on one value of 10,000 records. A measurement, never a
 * pass/fail test; run it with
 * {@code ./mvnw -q -B test -Dtest=JsonPathBenchmark -Dnemesis.test.excludedGroups=none}.
 */
@Tag("measurement")
class JsonPathBenchmark {

    private static final int WARM_UP = 300;
    private static final int MEASURED = 300;

    @Test
    void printFigures() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        JsonArrayBuilder builder = Json.createArrayBuilder();
        for (int i = 0; i < 10_000; i++) {
            builder.add(Json.createObjectBuilder().add("id", i).add("make", i % 2 == 0 ? "Apple" : "Samsung")
                    .add("model", "model " + i).add("sensors", Json.createArrayBuilder().add("a").add("b")));
        }
        JsonValue records = builder.build();
        System.out.printf("%n%-64s %10s%n", "query on an array of 10,000 objects", "median");
        measure("matches  $[?(@.make == 'Samsung')] (stops at the 2nd record)", "$[?(@.make == 'Samsung')]", q -> () -> q.matches(records));
        measure("matches  $[?(@.id == 9999)] (scans all)", "$[?(@.id == 9999)]", q -> () -> q.matches(records));
        measure("paths    $[?(@.id >= 5000 && @.sensors.length >= 2)]", "$[?(@.id >= 5000 && @.sensors.length >= 2)]",
                q -> () -> q.normalizedPaths(records));
        measure("select   same", "$[?(@.id >= 5000 && @.sensors.length >= 2)]", q -> () -> q.select(records));
        measure("nodes    same", "$[?(@.id >= 5000 && @.sensors.length >= 2)]", q -> () -> q.nodes(records));
        measure("paths    $[?(@.id >= 5000)]", "$[?(@.id >= 5000)]", q -> () -> q.normalizedPaths(records));
        measure("select   $[?search(@.model, '99$')]", "$[?search(@.model, '99$')]", q -> () -> q.select(records));
        measure("select   $..sensors[0] (descendants)", "$..sensors[0]", q -> () -> q.select(records));
    }

    private interface Run {
        Supplier<Object> on(JsonPath query);
    }

    private static void measure(String label, String query, Run run) throws Exception {
        Supplier<Object> evaluation = run.on(JsonPath.compile(query));
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            long start = System.nanoTime();
            evaluation.get();
            if (i >= WARM_UP) {
                nanos[i - WARM_UP] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-64s %7.1f µs%n", label, nanos[MEASURED / 2] / 1000.0);
    }
}
