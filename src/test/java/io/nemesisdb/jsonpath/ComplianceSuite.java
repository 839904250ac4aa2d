package io.nemesisdb.jsonpath;

import io.nemesisdb.support.TestData;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath Compliance Test Suite (src/test/resources/fixtures/jsonpath-cts/cts.json) and a generic runner
 * that checks any engine against it. An engine answers a case with a {@link Outcome}.
 */
final class ComplianceSuite {

    /** What an engine made of one case: invalid, or its values and normalized paths. */
    record Outcome(boolean invalid, List<JsonValue> values, List<String> paths) {

        static Outcome rejected() {
            return new Outcome(true, List.of(), List.of());
        }
    }

    /** An engine under test. Any exception it throws counts as a failure of that case. */
    interface Engine {
        Outcome run(String selector, JsonValue document) throws Exception;
    }

    /** The result of a run: how many passed and a line per failed case. */
    record Result(int total, int passed, List<String> failures) {
    }

    private ComplianceSuite() {
    }

    static List<JsonObject> cases() throws IOException {
        Path file = TestData.fixture("jsonpath-cts/cts.json");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonReader json = Json.createReader(reader)) {
            return json.readObject().getJsonArray("tests").getValuesAs(JsonObject.class);
        }
    }

    static Result run(Engine engine) throws IOException {
        List<JsonObject> cases = cases();
        List<String> failures = new ArrayList<>();
        int passed = 0;
        for (JsonObject testCase : cases) {
            String verdict = verdict(engine, testCase);
            if (verdict == null) {
                passed++;
            } else {
                failures.add(testCase.getString("name") + " [" + testCase.getString("selector") + "]: " + verdict);
            }
        }
        return new Result(cases.size(), passed, failures);
    }

    /** Null when the engine passed the case, otherwise why not. */
    private static String verdict(Engine engine, JsonObject testCase) {
        Outcome outcome;
        try {
            // cases of invalid selectors have no document; a lenient engine still gets one to run on
            JsonValue document = testCase.getOrDefault("document", JsonValue.EMPTY_JSON_OBJECT);
            outcome = engine.run(testCase.getString("selector"), document);
        } catch (Exception | StackOverflowError e) {
            return "threw " + e;
        }
        boolean expectInvalid = testCase.getBoolean("invalid_selector", false);
        if (expectInvalid || outcome.invalid()) {
            return expectInvalid == outcome.invalid() ? null
                    : expectInvalid ? "accepted an invalid selector" : "rejected a valid selector";
        }
        if (testCase.containsKey("result")) {
            return matchesExpected(outcome, testCase.getJsonArray("result"), testCase.getJsonArray("result_paths"))
                    ? null : "got " + outcome.values() + " at " + outcome.paths();
        }
        JsonArray results = testCase.getJsonArray("results");
        JsonArray resultPaths = testCase.getJsonArray("results_paths");
        for (int i = 0; i < results.size(); i++) {
            if (matchesExpected(outcome, results.getJsonArray(i), resultPaths == null ? null : resultPaths.getJsonArray(i))) {
                return null;
            }
        }
        return "got " + outcome.values() + " at " + outcome.paths() + ", none of the allowed results";
    }

    private static boolean matchesExpected(Outcome outcome, JsonArray values, JsonArray paths) {
        if (!outcome.values().equals(values)) {
            return false;
        }
        if (paths == null || outcome.paths() == null) {
            return true;
        }
        List<String> expectedPaths = paths.getValuesAs(JsonString::getString);
        return outcome.paths().equals(expectedPaths);
    }
}
