package io.nemesisdb.jsonpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A query must not be able to hurt the server: its work is bounded by its budget (regular
 * expressions included, over all the strings it searches), parts that read only the root are
 * evaluated once, and deep values cause no stack overflow.
 */
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

    /** A budget of {@code millis} that nothing else ends. */
    private static EvaluationBudget budget(long millis) {
        return EvaluationBudget.startingNow(Duration.ofMillis(millis), () -> true);
    }

    // java.util.regex memoizes simple nested loops such as (a+)+b; these two still take
    // tens of seconds on 30 characters without a budget (measured on JDK 25).
    @Test
    void catastrophicRegexEndsWhenTheBudgetIsSpent() throws Exception {
        JsonArray subjects = Json.createArrayBuilder().add("a".repeat(40) + "!").build();
        JsonPath query = JsonPath.compile("$[?match(@, '((a+)+)+b')]");

        BudgetExceededException error = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(BudgetExceededException.class, () -> query.matches(subjects, budget(200))));
        assertTrue(error.getMessage().contains("200 ms"), error.getMessage());
    }

    @Test
    void catastrophicRegexFromTheDataIsBoundedToo() throws Exception {
        JsonValue value = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("s", "a".repeat(40) + "!").add("re", "(.*a){25}"))
                .build();
        JsonPath query = JsonPath.compile("$[?search(@.s, @.re)]");

        assertTimeoutPreemptively(BOUND,
                () -> assertThrows(BudgetExceededException.class, () -> query.matches(value, budget(200))));
    }

    // Each string costs a few milliseconds (17 'a's stay below what a budget per string allowed),
    // so only a budget over the whole evaluation stops the search of thousands of them.
    @Test
    void regexWorkOnManyStringsSharesOneBudget() throws Exception {
        JsonArrayBuilder strings = Json.createArrayBuilder();
        for (int i = 0; i < 5_000; i++) {
            strings.add("a".repeat(17) + "!");
        }
        JsonArray subjects = strings.build();
        JsonPath query = JsonPath.compile("$[?match(@, '((a+)+)+b')]");

        assertTimeoutPreemptively(BOUND,
                () -> assertThrows(BudgetExceededException.class, () -> query.matches(subjects, budget(500))));
    }

    @Test
    void anEvaluationNoLongerWantedStopsAtTheNextCheck() throws Exception {
        JsonArray subjects = Json.createArrayBuilder().add("a".repeat(40) + "!").build();
        JsonPath query = JsonPath.compile("$[?match(@, '((a+)+)+b')]");
        AtomicBoolean wanted = new AtomicBoolean(true);
        EvaluationBudget budget = EvaluationBudget.startingNow(Duration.ofHours(1), wanted::get);
        CompletableFuture<Boolean> evaluation = CompletableFuture.supplyAsync(() -> query.matches(subjects, budget));

        Thread.sleep(200);
        assertFalse(evaluation.isDone(), "the regex should still be backtracking");
        wanted.set(false);
        ExecutionException stopped = assertThrows(ExecutionException.class, () -> evaluation.get(10, TimeUnit.SECONDS));
        assertInstanceOf(BudgetExceededException.class, stopped.getCause());
        assertTrue(stopped.getCause().getMessage().contains("client has gone"), stopped.getCause().getMessage());
    }

    // Before, count($[*]) was evaluated again for each of the 150,000 elements: 22.5 billion
    // steps, 44 s to minutes. It depends only on the root, so it is now counted once.
    @Test
    void filterPartThatReadsOnlyTheRootIsEvaluatedOncePerRoot() throws Exception {
        JsonArrayBuilder numbers = Json.createArrayBuilder();
        for (int i = 0; i < 150_000; i++) {
            numbers.add(i);
        }
        JsonArray array = numbers.build();

        assertTimeoutPreemptively(BOUND, () -> {
            assertFalse(JsonPath.compile("$[?count($[*]) < 0]").matches(array, budget(30_000)));
            assertEquals(List.of(Json.createValue(149_999)),
                    JsonPath.compile("$[?count($[*]) > @ && @ >= 149999]").nodes(array, budget(30_000))
                            .stream().map(Node::value).toList());
        });
    }

    // Each of the 10,000 levels counts everything below it: 500 million steps, seconds of work
    // that depends on the current node, so only the budget bounds it.
    @Test
    void queryWhoseWorkIsQuadraticInTheValueEndsWithTheBudget() throws Exception {
        JsonValue comb = Json.createArrayBuilder().build();
        for (int level = 0; level < DEPTH; level++) {
            JsonArrayBuilder builder = Json.createArrayBuilder().add(comb);
            for (int i = 0; i < 10; i++) {
                builder.add(i);
            }
            comb = builder.build();
        }
        JsonPath query = JsonPath.compile("$..[?count(@..*) < 0]");
        JsonValue value = comb;

        assertTimeoutPreemptively(BOUND,
                () -> assertThrows(BudgetExceededException.class, () -> query.matches(value, budget(300))));
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
