package io.nemesisdb.jsonpath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our engine against the whole RFC 9535 compliance suite: every one of the 703 cases must pass. */
class JsonPathComplianceTest {

    /** Cases knowingly failed, each with the reason. None: the engine passes the whole suite. */
    private static final List<String> KNOWINGLY_SKIPPED = List.of();

    private static final int SUITE_SIZE = 703;

    static ComplianceSuite.Outcome evaluate(String selector, jakarta.json.JsonValue document) {
        JsonPath query;
        try {
            query = JsonPath.compile(selector);
        } catch (JsonPathSyntaxException e) {
            return ComplianceSuite.Outcome.rejected();
        }
        List<jakarta.json.JsonValue> values = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (Node node : query.nodes(document)) {
            values.add(node.value());
            paths.add(node.location().normalizedPath());
        }
        return new ComplianceSuite.Outcome(false, values, paths);
    }

    @Test
    void passesEveryCaseOfTheComplianceSuite() throws Exception {
        ComplianceSuite.Result result = ComplianceSuite.run(JsonPathComplianceTest::evaluate);

        assertEquals(SUITE_SIZE, result.total(), "size of cts.json");
        assertEquals(SUITE_SIZE - KNOWINGLY_SKIPPED.size(), result.passed(),
                () -> "failed cases:\n" + String.join("\n", result.failures()));
    }
}
