package io.nemesisdb.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.json.Json;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    private static String string(String s) {
        return new JsonText(1).string(s).toString();
    }

    /** What a standard parser reads back from the written text. */
    private static String parsedBack(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return ((JsonString) reader.readValue()).getString();
        }
    }

    @Test
    void stringsGetExactlyTheEscapesJsonRequires() {
        assertEquals("\"plain ascii ~\"", string("plain ascii ~"));
        assertEquals("\"q\\\"b\\\\s\\n\\r\\t\\b\\f\"", string("q\"b\\s\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u001f\u007f\"", string("\u0000\u001f\u007f"));
        assertEquals("\"é€😀\"", string("é€😀"));
        assertEquals("\"\"", string(""));
    }

    @Test
    void stringsAreWrittenAsUtf8AndReadBackExactly() {
        String text = "aé€😀\"\\\n\u0001z".repeat(50);
        JsonText out = new JsonText(4).string(text);
        byte[] written = Arrays.copyOf(out.bytes(), out.length());
        assertArrayEquals(("\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                .replace("\u0001", "\\u0001") + "\"").getBytes(StandardCharsets.UTF_8), written);
        assertEquals(text, parsedBack(out.toString()));
    }

    @Test
    void aSurrogateWithoutItsPairIsEscapedSoTheTextStaysValidUtf8() {
        assertEquals("\"a\\ud800b\\udc00\"", string("a\ud800b\udc00"));
        assertEquals("\"\\ud83d\"", string("\ud83d"));
        assertEquals("a\ud800b", parsedBack(string("a\ud800b")));
    }

    @Test
    void numbersAreWrittenInDecimal() {
        for (long n : new long[] {0, 7, 9, 10, 99, 100, 1234567890123L, Long.MAX_VALUE, -1, -10, Long.MIN_VALUE}) {
            assertEquals(Long.toString(n), new JsonText(1).number(n).toString());
        }
        for (long n : new long[] {0, 10, Long.MAX_VALUE, Long.MIN_VALUE, -1, -10, 0x8000000000000009L, -7}) {
            assertEquals(Long.toUnsignedString(n), new JsonText(1).unsigned(n).toString());
        }
    }

    @Test
    void valuesAreWrittenAsCompactJson() {
        String text = "{\"a\":[1,2.50,-3,true,false,null],\"b\":{\"c\":\"d\"},\"e\":[]}";
        try (var reader = Json.createReader(new StringReader(text))) {
            assertEquals(text, JsonText.toJson(reader.readValue()));
        }
    }
}
