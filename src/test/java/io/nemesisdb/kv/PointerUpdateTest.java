package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6901 pointers as KV_UPDATE applies them: what is invalid (4) and what selects nothing (5). */
class PointerUpdateTest {

    private static final JsonValue NEW = Json.createValue("new");

    private static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    private static JsonValue apply(String pointer, String target) {
        PointerUpdate update = PointerUpdate.parse(pointer, NEW);
        assertNotNull(update, () -> pointer + " should be a valid pointer");
        return update.applyTo(parse(target));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/avatar     | {\"avatar\":\"img1.png\",\"a\":1}      | {\"avatar\":\"new\",\"a\":1}",
            "/1          | [{\"Reports\":true},{\"Admin\":false}] | [{\"Reports\":true},\"new\"]",
            "/a~1b       | {\"a/b\":1,\"a\":{\"b\":2}}            | {\"a/b\":\"new\",\"a\":{\"b\":2}}",
            "/m~0n       | {\"m~n\":1}                            | {\"m~n\":\"new\"}",
            "/~01        | {\"~1\":1,\"/\":2}                     | {\"~1\":\"new\",\"/\":2}",
            "/0          | [1,2]                                  | [\"new\",2]",
            "/01         | {\"01\":1}                             | {\"01\":\"new\"}",
            "/           | {\"\":1}                               | {\"\":\"new\"}",
            "/a/0/b      | {\"a\":[{\"b\":1}]}                    | {\"a\":[{\"b\":\"new\"}]}",
    })
    void replacesTheExistingLocation(String pointer, String target, String expected) {
        assertEquals(parse(expected), apply(pointer, target));
    }

    @Test
    void emptyPointerReplacesTheWholeValueWhateverItIs() {
        assertEquals(NEW, apply("", "42"));
        assertEquals(NEW, apply("", "{\"a\":1}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/-          | [1,2]",
            "/2          | [1,2]",
            "/-1         | [1,2]",
            "/01         | [1,2]",
            "/00         | [1,2]",
            "/a/01       | {\"a\":[1,2]}",
            "/1e0        | [1,2]",
            "/99999999999| [1]",
            "/missing    | {\"a\":1}",
            "/a/b        | {\"a\":3}",
            "/a          | \"text\"",
            "/a          | 42",
            "/0/x        | [[1]]",
    })
    void selectsNoExistingLocation(String pointer, String target) {
        assertNull(apply(pointer, target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a~2", "/a~", "/~", "/a~x/b"})
    void tildeMustBeFollowedByZeroOrOne(String pointer) {
        assertNull(PointerUpdate.parse(pointer, NEW));
    }

    @Test
    void onlyMembersStartingWithSlashOrEmptyArePointers() {
        assertEquals(true, PointerUpdate.isPointer("/a"));
        assertEquals(true, PointerUpdate.isPointer(""));
        assertEquals(false, PointerUpdate.isPointer("key"));
        assertEquals(false, PointerUpdate.isPointer("tkn"));
    }

    @Test
    void unchangedMembersAreSharedNotCopied() {
        JsonObject target = (JsonObject) parse("{\"a\":{\"x\":1},\"b\":{\"y\":2}}");
        JsonObject updated = (JsonObject) PointerUpdate.parse("/a/x", NEW).applyTo(target);
        assertSame(target.get("b"), updated.get("b"));
    }
}
