package io.nemesisdb.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

class Utf8StringTest {

    private static final String[] STRINGS = {
        "", "plain ascii ~", "q\"b\\s/\n\r\t\b\f", "\u0000\u001f\u007f", "é€😀", "lone \ud800 surrogate \udfff",
        "\\u0041 is not an escape here", "mixed é\"\\\n😀 and more".repeat(20),
    };

    @Test
    void everyStringComesBackExactly() {
        for (String s : STRINGS) {
            assertEquals(s, Utf8String.of(s).getString(), s);
            assertEquals(s, Utf8String.of(s).getChars().toString(), s);
        }
    }

    @Test
    void writtenTextIsWhatJsonTextWritesForTheSameString() {
        for (String s : STRINGS) {
            String expected = new JsonText(8).string(s).toString();
            assertEquals(expected, new JsonText(1).value(Utf8String.of(s)).toString(), s);
            assertEquals(expected, Utf8String.of(s).toString(), s);
        }
    }

    @Test
    void writtenTextReadsBackThroughAStandardParser() {
        for (String s : STRINGS) {
            String json = new JsonText(1).value(Utf8String.of(s)).toString();
            try (var reader = Json.createReader(new StringReader(json))) {
                assertEquals(s, ((JsonString) reader.readValue()).getString(), s);
            }
        }
    }

    @Test
    void equalToOtherJsonStringsOfTheSameCharactersBothWays() {
        for (String s : STRINGS) {
            JsonString parsson = Json.createValue(s);
            Utf8String utf8 = Utf8String.of(s);
            assertEquals(parsson, utf8, s);
            assertEquals(utf8, parsson, s);
            assertEquals(parsson.hashCode(), utf8.hashCode(), s);
            assertEquals(Utf8String.of(s), utf8, s);
        }
        assertNotEquals(Utf8String.of("a"), Utf8String.of("b"));
        assertNotEquals(Utf8String.of("1"), Json.createValue(1));
    }

    @Test
    void ofTextCopiesTheTextBetweenTheQuotes() {
        byte[] text = "..\"x\\\"y\"..".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Utf8String string = Utf8String.ofText(text, 3, text.length - 3);
        text[4] = 'z';
        assertEquals("x\"y", string.getString());
        assertEquals(Utf8String.of("x\"y"), string);
    }
}
