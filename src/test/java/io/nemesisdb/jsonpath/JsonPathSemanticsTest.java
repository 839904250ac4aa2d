package io.nemesisdb.jsonpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour the server relies on beyond what the compliance suite pins down. */
class JsonPathSemanticsTest {

    private static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    @Test
    void numbersCompareByValueInsideStructures() throws Exception {
        JsonValue value = parse("[{\"a\": [1, {\"x\": 2.0}], \"b\": [1.0, {\"x\": 2e0}]}, {\"a\": [1], \"b\": [2]}]");
        assertEquals(List.of("$[0]"), JsonPath.compile("$[?@.a == @.b]").normalizedPaths(value));
        assertEquals(4, JsonPath.compile("$[?@ == 1]").select(parse("[1, 1.0, 1e0, 10e-1, 2]")).size());
    }

    @Test
    void numberBeyondBigDecimalRangeEqualsOnlyItselfAndOrdersWithNothing() throws Exception {
        JsonValue huge = new io.nemesisdb.json.LiteralNumber("1e9999999999");
        JsonArray value = Json.createArrayBuilder().add(huge).add(1).build();

        assertEquals(List.of(Json.createValue(1)), JsonPath.compile("$[?@ == 1]").select(value));
        assertEquals(List.of(), JsonPath.compile("$[?@ > 1]").select(value));
        assertEquals(List.of("$[0]"), JsonPath.compile("$[?@ == $[0]]").normalizedPaths(value));
    }

    // A part that reads only the root is computed once per root: a query compiled once and run on
    // many values (KV_FIND runs it on every key) must compute it again for each of them.
    @Test
    void partsThatReadOnlyTheRootAreComputedForEachRoot() throws Exception {
        JsonPath query = JsonPath.compile("$[?count($[*]) == 2 && @ > value($[0])]");
        assertEquals(List.of(Json.createValue(6)), query.select(parse("[5, 6]")));
        assertEquals(List.of(), query.select(parse("[5, 6, 7]")));
        assertEquals(List.of(Json.createValue(2)), query.select(parse("[1, 2]")));
        assertTrue(query.matches(parse("[0, 9]")));
        assertEquals(List.of("$[1]"), query.normalizedPaths(parse("[3, 4]")));
    }

    @Test
    void rootPartsInsideNestedFiltersStillSeeTheRoot() throws Exception {
        JsonValue value = parse("{\"limit\": 2, \"rows\": [[1, 3], [2], [5, 0]]}");
        assertEquals(List.of("$['rows'][0][1]", "$['rows'][2][0]"),
                JsonPath.compile("$.rows[*][?@ > $.limit]").normalizedPaths(value));
        assertEquals(List.of("$['rows'][0]", "$['rows'][2]"),
                JsonPath.compile("$.rows[?@[?@ > $.limit]]").normalizedPaths(value));
        assertEquals(List.of("$['rows'][1]"),
                JsonPath.compile("$.rows[?!@[?@ > $.limit] && count($.rows[*]) == 3]").normalizedPaths(value));
    }

    @Test
    void nodelistKeepsDuplicates() throws Exception {
        assertEquals(List.of("$[0]", "$[0]", "$[1]"), JsonPath.compile("$[0,0,1]").normalizedPaths(parse("[5, 6]")));
    }

    @Test
    void normalizedPathsEscapeQuotesBackslashesAndControlCharacters() throws Exception {
        JsonValue value = parse("{\"it's\": 1, \"a\\\\b\": 2, \"tab\\there\": 3, \"\\u0001\": 4}");
        assertEquals(List.of("$['it\\'s']", "$['a\\\\b']", "$['tab\\there']", "$['\\u0001']"),
                JsonPath.compile("$.*").normalizedPaths(value));
    }

    @Test
    void syntaxErrorsSayWhatAndWhere() {
        JsonPathSyntaxException error = assertThrows(JsonPathSyntaxException.class, () -> JsonPath.compile("$[?length(@.*) > 1]"));
        assertTrue(error.getMessage().contains("length()"), error.getMessage());
        assertThrows(JsonPathSyntaxException.class, () -> JsonPath.compile("$.a["));
        assertThrows(JsonPathSyntaxException.class, () -> JsonPath.compile(""));
    }

    @Test
    void matchesStopsAtTheFirstNode() throws Exception {
        JsonValue value = parse("[1, 2, \"x\"]");
        assertTrue(JsonPath.compile("$[?@ > 0]").matches(value));
    }

    @Test
    void replaceAllCopiesOnlyTheSpineAndSharesTheRest() throws Exception {
        JsonObject root = (JsonObject) parse("{\"a\": {\"b\": [1, 2, 3], \"c\": {\"d\": 4}}, \"e\": {\"f\": 5}}");
        Replacement result = JsonPath.compile("$.a.b[1]").replaceAll(root, Json.createValue("two"));

        JsonObject newRoot = (JsonObject) result.root();
        assertEquals(1, result.count());
        assertEquals(parse("{\"a\": {\"b\": [1, \"two\", 3], \"c\": {\"d\": 4}}, \"e\": {\"f\": 5}}"), newRoot);
        assertSame(root.get("e"), newRoot.get("e"));
        assertSame(root.getJsonObject("a").get("c"), newRoot.getJsonObject("a").get("c"));
        assertEquals(parse("{\"a\": {\"b\": [1, 2, 3], \"c\": {\"d\": 4}}, \"e\": {\"f\": 5}}"), root);
    }

    @Test
    void replaceAllReplacesEverySelectedNodeOnce() throws Exception {
        JsonValue root = parse("{\"access\": [{\"level\": 1, \"permit\": true}, {\"level\": 3, \"permit\": true}, {\"level\": 5, \"permit\": true}]}");
        Replacement result = JsonPath.compile("$.access[?(@.level > 2)].permit").replaceAll(root, JsonValue.FALSE);

        assertEquals(2, result.count());
        assertEquals(parse("{\"access\": [{\"level\": 1, \"permit\": true}, {\"level\": 3, \"permit\": false}, {\"level\": 5, \"permit\": false}]}"),
                result.root());
        assertEquals(1, JsonPath.compile("$[0,0]").replaceAll(parse("[1]"), JsonValue.NULL).count());
    }

    @Test
    void replacedOuterLocationCoversTheLocationsInsideIt() throws Exception {
        Replacement result = JsonPath.compile("$..*").replaceAll(parse("{\"a\": {\"b\": 1}, \"c\": 2}"), JsonValue.NULL);
        assertEquals(2, result.count());
        assertEquals(parse("{\"a\": null, \"c\": null}"), result.root());
    }

    @Test
    void replacingTheRootReturnsTheReplacement() throws Exception {
        Replacement result = JsonPath.compile("$").replaceAll(parse("[1]"), JsonValue.TRUE);
        assertEquals(new Replacement(JsonValue.TRUE, 1), result);
    }

    @Test
    void replaceWithoutMatchesReturnsTheSameRoot() throws Exception {
        JsonValue root = parse("{\"a\": 1}");
        Replacement result = JsonPath.compile("$.zzz").replaceAll(root, JsonValue.TRUE);
        assertEquals(0, result.count());
        assertSame(root, result.root());
    }

    @Test
    void compiledQueryIsSharedSafelyBetweenThreads() throws Exception {
        JsonPath query = JsonPath.compile("$[?search(@.name, 'b+')]");
        JsonArray value = (JsonArray) parse("[{\"name\": \"abc\"}, {\"name\": \"xyz\"}, {\"name\": \"bb\"}]");
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2000; i++) {
                    if (query.select(value).size() != 2) {
                        wrong.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, wrong.get());
    }
}
