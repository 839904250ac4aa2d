package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import io.nemesisdb.json.JsonText;
import io.nemesisdb.json.JsonValueReader;
import io.nemesisdb.json.Utf8String;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import org.junit.jupiter.api.Test;

/** A key and its value stored in one array come back as they went in, text for text. */
class DenseEntryTest {

    private static final List<String> KEYS = List.of("", "k", "k123456", "é", "日本", "😀", "a\u0000b",
            "x".repeat(200), "lone \uD800 high", "lone \uDC00 low", "\uDC00\uD800 reversed", "pair \uD83D\uDE00");

    @Test
    void everyKeyComesBackAsItWasAndHasBytesOfItsOwn() {
        for (String key : KEYS) {
            byte[] bytes = DenseEntry.keyBytes(key);
            Object entry = DenseEntry.of(bytes, JsonValue.NULL);
            assertEquals(key, DenseEntry.key(entry), key);
            assertTrue(DenseEntry.hasKey(entry, bytes), key);
            for (String other : KEYS) {
                if (!other.equals(key)) {
                    assertFalse(Arrays.equals(bytes, DenseEntry.keyBytes(other)), key + " / " + other);
                    assertFalse(DenseEntry.hasKey(entry, DenseEntry.keyBytes(other)), key + " / " + other);
                }
            }
        }
        assertNotEquals(DenseEntry.keyBytes("\uD800").length, 0);
    }

    @Test
    void valuesComeBackByteForByte() {
        List<String> texts = List.of("\"plain\"", "\"esc\\\"aped\\n\\u0001 é 😀\"", "\"\"", "0", "-0", "1.50", "1E+400",
                "123456789012345678901234567890", "true", "false", "null", "[]", "{}",
                "{\"b\":1,\"a\":[1.0,\"x\",{\"c\":null}],\"\":true}", "[[[[[\"deep\"]]]]]");
        JsonValueReader reader = new JsonValueReader(JsonProvider.provider());
        for (String text : texts) {
            JsonValue value;
            try (JsonParser parser = Json.createParser(new StringReader(text))) {
                value = reader.read(parser, parser.next());
            }
            for (String key : List.of("k", "x".repeat(300))) {
                Object entry = DenseEntry.of(DenseEntry.keyBytes(key), value);
                JsonValue back = DenseEntry.value(entry);
                assertEquals(text, JsonText.toJson(back), text);
                assertEquals(value.getValueType(), back.getValueType(), text);
                assertEquals(key, DenseEntry.key(entry));
            }
        }
    }

    @Test
    void aStringValueOfAnyFormIsStoredAsItsJsonText() {
        byte[] key = DenseEntry.keyBytes("k");
        JsonValue parsson = Json.createValue("q\"uote");
        JsonValue back = DenseEntry.value(DenseEntry.of(key, parsson));
        assertEquals(Utf8String.class, back.getClass());
        assertEquals(parsson, back);
    }
}
