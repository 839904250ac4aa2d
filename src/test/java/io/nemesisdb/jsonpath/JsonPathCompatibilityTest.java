package io.nemesisdb.jsonpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two 0.6.4 compatibility rules of API.md 4.2, on the examples of 0.6.4's KV_FIND documentation. */
class JsonPathCompatibilityTest {

    static JsonObject example(String name) {
        try (InputStream in = JsonPathCompatibilityTest.class.getResourceAsStream("/examples/" + name);
             JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new java.io.StringReader(json))) {
            return reader.readValue();
        }
    }

    private final JsonValue devices = example("kv-find-devices.json").get("Devices");
    private final JsonValue loginsValid = example("kv-find-logins.json").get("loginsValid");

    @Test
    void parenthesizedFilterFindsTheSamsung() throws Exception {
        assertTrue(JsonPath.compile("$[?(@.make == 'Samsung')]").matches(devices));
    }

    @Test
    void parenthesizedConjunctionWithoutAMatchingDeviceMatchesNothing() throws Exception {
        assertFalse(JsonPath.compile("$[?(@.make == 'Apple' && @.model == 'iPhone 11')]").matches(devices));
        assertTrue(JsonPath.compile("$[?(@.make == 'Apple' && @.model == 'iPhone 14')]").matches(devices));
    }

    @Test
    void lengthOfAnArrayMemberCountsItsElements() throws Exception {
        assertEquals(List.of("$[1]"), JsonPath.compile("$[?(@.sensors.length >= 3)]").normalizedPaths(devices));
    }

    @Test
    void timestampRangeSelectsTheMiddleLogins() throws Exception {
        assertEquals(List.of("$[1]", "$[2]"),
                JsonPath.compile("$[?(@.timestamp > 1234 && @.timestamp < 1238)]").normalizedPaths(loginsValid));
    }

    @Test
    void lengthOfAStringCountsUnicodeCharacters() throws Exception {
        JsonValue names = parse("[\"abc\", \"ab\", \"a\uD83D\uDE00c\"]");
        assertEquals(List.of("$[0]", "$[2]"), JsonPath.compile("$[?@.length == 3]").normalizedPaths(names));
    }

    @Test
    void memberNamedLengthWinsOnAnObject() throws Exception {
        JsonValue value = parse("[{\"length\": 7, \"a\": 1}, {\"a\": 1, \"b\": 2}]");
        assertEquals(List.of(Json.createValue(7)), JsonPath.compile("$[*].length").select(value));
    }

    @Test
    void bracketedLengthNameStaysAPlainRfcMemberName() throws Exception {
        assertEquals(List.of(), JsonPath.compile("$['length']").select(parse("[1, 2, 3]")));
        assertEquals(List.of(), JsonPath.compile("$..length").select(parse("[[1, 2], \"xyz\"]")));
    }

    @Test
    void lengthOnAScalarSelectsNothing() throws Exception {
        assertEquals(List.of(), JsonPath.compile("$.a.length").select(parse("{\"a\": 42}")));
    }

    @Test
    void computedLengthIsReportedButNeverReplaced() throws Exception {
        JsonValue root = parse("{\"arr\": [1, 2]}");
        JsonPath query = JsonPath.compile("$.arr.length");

        assertEquals(List.of("$['arr']['length']"), query.normalizedPaths(root));
        Replacement replacement = query.replaceAll(root, JsonValue.TRUE);
        assertEquals(0, replacement.count());
        assertEquals(root, replacement.root());
    }
}
