package io.nemesisdb.kv;

import java.io.StringWriter;
import java.util.Arrays;

import io.nemesisdb.jsonpath.JsonPath;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints what one KV_UPDATE costs on large values: a pointer update through {@link KeyRewrite}
 * (what the command does, uncontended) and the same update by JSONPath. A measurement, never a
 * pass/fail test; run it with
 * {@code ./mvnw -q -B test -Dtest=PointerUpdateBenchmark -Dnemesis.test.excludedGroups=none}.
 */
@Tag("measurement")
class PointerUpdateBenchmark {

    private static final int WARM_UP = 3_000;
    private static final int MEASURED = 3_000;

    @Test
    void printFigures() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("%n%-58s %12s %12s%n", "value, update", "median", "p90");
        JsonObject members = tenThousandMembers();
        measure("object of 10,000 members, " + kib(members) + ", pointer /m5000", members, "/m5000", null);
        measure("object of 10,000 members, " + kib(members) + ", JSONPath $.m5000", members, null, "$.m5000");
        JsonObject nested = oneMebibyteOfRecords();
        measure("1 MiB: {\"records\":[10,000 objects]}, " + kib(nested) + ", /records/5000/name", nested, "/records/5000/name", null);
        measure("1 MiB: same, JSONPath $.records[5000].name", nested, null, "$.records[5000].name");
        JsonObject flat = oneMebibyteFlat();
        measure("1 MiB: object of 1,024 strings of 1 KiB, " + kib(flat) + ", /s512", flat, "/s512", null);
    }

    private static void measure(String label, JsonObject value, String pointer, String path) throws Exception {
        KeySpace keySpace = new KeySpace();
        keySpace.setAll(Json.createObjectBuilder().add("k", value).build());
        JsonPath query = path == null ? null : JsonPath.compile(path);
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            JsonValue replacement = Json.createValue(i);
            long start = System.nanoTime();
            if (query == null) {
                PointerUpdate update = PointerUpdate.parse(pointer, replacement);
                KeyRewrite.apply(keySpace, "k", current -> new KeyRewrite.Edit.Replace(update.applyTo(current), 1));
            } else {
                KeyRewrite.apply(keySpace, "k", current -> {
                    var result = query.replaceAll(current, replacement);
                    return new KeyRewrite.Edit.Replace(result.root(), result.count());
                });
            }
            long elapsed = System.nanoTime() - start;
            if (i >= WARM_UP) {
                nanos[i - WARM_UP] = elapsed;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-58s %9.1f µs %9.1f µs%n", label, nanos[MEASURED / 2] / 1000.0, nanos[MEASURED * 9 / 10] / 1000.0);
    }

    private static JsonObject tenThousandMembers() {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        for (int i = 0; i < 10_000; i++) {
            builder.add("m" + i, i);
        }
        return builder.build();
    }

    private static JsonObject oneMebibyteOfRecords() {
        JsonArrayBuilder records = Json.createArrayBuilder();
        for (int i = 0; i < 10_000; i++) {
            records.add(Json.createObjectBuilder().add("id", i).add("name", "record number " + i)
                    .add("notes", "x".repeat(52)));
        }
        return Json.createObjectBuilder().add("records", records).build();
    }

    private static JsonObject oneMebibyteFlat() {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        for (int i = 0; i < 1_024; i++) {
            builder.add("s" + i, "y".repeat(1_010));
        }
        return builder.build();
    }

    private static String kib(JsonValue value) {
        StringWriter text = new StringWriter();
        Json.createWriter(text).write(value);
        return String.format("%,d KiB", text.toString().length() / 1024);
    }
}
