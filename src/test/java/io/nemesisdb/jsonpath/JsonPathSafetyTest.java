package io.nemesisdb.jsonpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A query must not be able to hurt the server: bounded regex work, no stack overflow on deep values. */
class JsonPathSafetyTest {

    private static final int DEPTH = 10_000;
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** [[[ ... ["leaf"] ... ]]] nested DEPTH arrays deep, built from the inside out. */
    private static JsonValue nestedArrays() {
        JsonValue value = Json.createArrayBuilder().add("leaf").build();
        for (int i = 1; i < DEPTH; i++) {
            value = Json.createArrayBuilder().add(value).build();
        }
        return value;
    }

    // java.util.regex memoizes simple nested loops such as (a+)+b; these two still take
    // tens of seconds on 30 characters without a budget (measured on JDK 25).
    @Test
    void catastrophicRegexEndsWithAnErrorInBoundedTime() throws Exception {
        JsonArray subjects = Json.createArrayBuilder().add("a".repeat(40) + "!").build();
        JsonPath query = JsonPath.compile("$[?match(@, '((a+)+)+b')]");

        JsonPathEvaluationException error = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(JsonPathEvaluationException.class, () -> query.select(subjects)));
        assertTrue(error.getMessage().contains("too many steps"), error.getMessage());
    }

    @Test
    void catastrophicRegexFromTheDataIsBoundedToo() throws Exception {
        JsonValue value = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("s", "a".repeat(40) + "!").add("re", "(.*a){25}"))
                .build();
        JsonPath query = JsonPath.compile("$[?search(@.s, @.re)]");

        assertTimeoutPreemptively(BOUND,
                () -> assertThrows(JsonPathEvaluationException.class, () -> query.select(value)));
    }

    @Test
    void regexThatRecursesPerCharacterOnALongStringIsAnErrorNotACrash() throws Exception {
        JsonArray subjects = Json.createArrayBuilder().add("ab".repeat(200_000)).build();
        JsonPath query = JsonPath.compile("$[?match(@, '(a|b)*')]");

        assertTimeoutPreemptively(BOUND, () -> {
            try {
                assertEquals(1, query.select(subjects).size());
            } catch (JsonPathEvaluationException expected) {
                // either a result or an error is acceptable; a StackOverflowError is not
            }
        });
    }

    @Test
    void ordinaryRegexOnALongStringStillMatches() throws Exception {
        JsonArray subjects = Json.createArrayBuilder().add("x".repeat(1_000_000) + "needle").build();
        assertEquals(1, JsonPath.compile("$[?search(@, 'needle')]").select(subjects).size());
    }

    @Test
    void descendantQueryOnValueNestedTenThousandDeep() throws Exception {
        JsonValue deep = nestedArrays();

        assertEquals(List.of(Json.createValue("leaf")), JsonPath.compile("$..[?@ == 'leaf']").select(deep));
        assertEquals(DEPTH, JsonPath.compile("$..*").select(deep).size());
        assertTrue(JsonPath.compile("$..[0]").matches(deep));
    }

    @Test
    void normalizedPathOfTheDeepestNode() throws Exception {
        List<String> paths = JsonPath.compile("$..[?@ == 'leaf']").normalizedPaths(nestedArrays());
        assertEquals("$" + "[0]".repeat(DEPTH), paths.getFirst());
    }

    @Test
    void comparingTwoDeeplyNestedValues() throws Exception {
        JsonValue pair = Json.createArrayBuilder().add(nestedArrays()).add(nestedArrays()).build();
        assertTrue(JsonPath.compile("$[?@ == $[1]]").matches(pair));
    }

    @Test
    void replacingTheDeepestNode() throws Exception {
        Replacement result = JsonPath.compile("$..[?@ == 'leaf']").replaceAll(nestedArrays(), Json.createValue("new"));

        assertEquals(1, result.count());
        assertEquals(List.of(Json.createValue("new")), JsonPath.compile("$..[?@ == 'new']").select(result.root()));
    }

    @Test
    void deeplyNestedQueryTextIsASyntaxError() {
        String query = "$[?" + "(".repeat(5_000) + "@" + ")".repeat(5_000) + "]";
        JsonPathSyntaxException error = assertThrows(JsonPathSyntaxException.class, () -> JsonPath.compile(query));
        assertTrue(error.getMessage().contains("nested"), error.getMessage());
    }

    @Test
    void longChainOfSegmentsIsEvaluatedWithoutRecursion() throws Exception {
        JsonPath query = JsonPath.compile("$" + "[0]".repeat(DEPTH));
        assertEquals(List.of(Json.createValue("leaf")), query.select(nestedArrays()));
    }
}
