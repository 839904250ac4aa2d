package io.nemesisdb.jsonpath;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JakartaJsonProvider;
import com.jayway.jsonpath.spi.mapper.JakartaMappingProvider;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures candidate JSONPath engines against the compliance suite and prints their pass counts.
 * A measurement, not a test of our code: it is excluded from the default run. Run it with
 * {@code ./mvnw -q -B test -Dtest=JsonPathEngineComparison -Dnemesis.test.excludedGroups=none}
 * (add {@code -Djayway.version=2.9.0} to measure another Jayway release).
 */
@Tag("measurement")
class JsonPathEngineComparison {

    @Test
    void printPassCountsOfEachEngine() throws Exception {
        report("nemesisdb io.nemesisdb.jsonpath", ComplianceSuite.run(JsonPathComplianceTest::evaluate));
        report("Jayway " + jaywayVersion() + " (JakartaJsonProvider)", ComplianceSuite.run(JsonPathEngineComparison::jayway));
        report("Jayway " + jaywayVersion() + ", values only (paths not compared)",
                ComplianceSuite.run((selector, document) -> withoutPaths(jayway(selector, document))));
    }

    private static void report(String engine, ComplianceSuite.Result result) {
        System.out.printf("%n%s: %d of %d cases pass%n", engine, result.passed(), result.total());
        result.failures().stream().limit(15).forEach(failure -> System.out.println("  fails: " + failure));
    }

    private static String jaywayVersion() {
        // its manifest carries no usable version, but the jar's file name does
        String jar = com.jayway.jsonpath.JsonPath.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        return jar.substring(jar.lastIndexOf('/') + 1);
    }

    private static ComplianceSuite.Outcome jayway(String selector, JsonValue document) {
        Configuration values = Configuration.builder()
                .jsonProvider(new JakartaJsonProvider())
                .mappingProvider(new JakartaMappingProvider())
                .options(Option.ALWAYS_RETURN_LIST)
                .build();
        Configuration paths = values.addOptions(Option.AS_PATH_LIST);
        com.jayway.jsonpath.JsonPath path;
        try {
            path = com.jayway.jsonpath.JsonPath.compile(selector);
        } catch (InvalidPathException | IllegalArgumentException e) {
            return ComplianceSuite.Outcome.rejected();
        }
        try {
            List<JsonValue> found = new ArrayList<>();
            for (Object value : (List<?>) path.read(document, values)) {
                found.add(reparse(value));
            }
            List<String> foundPaths = new ArrayList<>();
            for (Object at : (List<?>) path.read(document, paths)) {
                foundPaths.add(at instanceof JsonValue json ? ((jakarta.json.JsonString) json).getString() : at.toString());
            }
            return new ComplianceSuite.Outcome(false, found, foundPaths);
        } catch (PathNotFoundException e) {
            return new ComplianceSuite.Outcome(false, List.of(), List.of());
        } catch (InvalidPathException e) {
            return ComplianceSuite.Outcome.rejected();
        }
    }

    private static ComplianceSuite.Outcome withoutPaths(ComplianceSuite.Outcome outcome) {
        return new ComplianceSuite.Outcome(outcome.invalid(), outcome.values(), null);
    }

    // Jayway hands back its own proxies of JSON-P values; compare their JSON text instead.
    private static JsonValue reparse(Object value) {
        String text = value instanceof String string ? Json.createValue(string).toString() : String.valueOf(value);
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
