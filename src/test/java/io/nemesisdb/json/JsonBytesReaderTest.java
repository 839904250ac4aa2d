package io.nemesisdb.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The request reader reads what RFC 8259 allows and nothing else, into the same values as
 * Parsson, the JSON-P implementation it replaced on the request path: checked case by case, and
 * against Parsson on many random variations of valid texts.
 */
class JsonBytesReaderTest {

    private static final int MAX_DEPTH = 8;
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    // Parsson refuses a text that reaches its maxDepth, so it allows one less
    private static final JsonParserFactory PARSSON = PROVIDER.createParserFactory(Map.of("org.eclipse.parsson.maxDepth", MAX_DEPTH + 1));

    /** The canonical text of the value read, or "invalid". */
    private static String read(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try {
            JsonBytesReader reader = new JsonBytesReader(utf8, utf8.length, MAX_DEPTH);
            JsonValue value = reader.value(0);
            reader.end();
            return JsonText.toJson(value);
        } catch (JsonBytesReader.Invalid e) {
            return "invalid";
        }
    }

    private static String readWithParsson(String text) {
        try (JsonParser parser = PARSSON.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return "invalid";
            }
            JsonValue value = new JsonValueReader(PROVIDER).read(parser, parser.next());
            if (parser.hasNext()) {
                return "invalid";
            }
            return JsonText.toJson(value);
        } catch (RuntimeException e) {
            return "invalid";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", " { } ", "0", "-0", "12", "-12.5e+3", "1E-2", "1.0", "true", "false", "null", "\"\"",
        "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}", "[1,[2,[3]]]", "\"\\u00e9\\n\\\"\\\\\\/\"",
        "\"é ü 日本\"", "{\"é\":1}", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"\u007f\"", "{\"a\":1,\"a\":2}",
        "\t\n\r [ 1 , 2 ] \n", "123456789012345678901234567890", "1e999999"})
    void validTextsReadAsParssonReadsThem(String text) {
        String read = read(text);
        assertEquals(readWithParsson(text), read);
        assertEquals(false, read.equals("invalid"), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "{", "}", "[", "[1,]", "[,1]", "{\"a\":1,}", "{,}", "{\"a\"}", "{\"a\" 1}", "{a:1}", "{'a':1}",
        "01", "-", "1.", ".5", "+1", "1e", "1e+", "--1", "0x10", "1.5.3", "NaN", "Infinity", "tru", "truex",
        "nul", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"a\u0001b\"", "\"tab\tin\"", "1 2", "{} {}",
        "[1] x", "[\"a\" \"b\"]", "{\"a\":1 \"b\":2}", "\u00a0[]", "[1}", "{\"a\":1]", "/* c */ 1"})
    void invalidTextsAreRefused(String text) {
        assertEquals("invalid", read(text), text);
        assertEquals("invalid", readWithParsson(text), text);
    }

    @Test
    void containersNestedDeeperThanTheLimitAreRefused() {
        assertEquals("[[[[[[[[1]]]]]]]]", read("[".repeat(MAX_DEPTH) + "1" + "]".repeat(MAX_DEPTH)));
        assertEquals("invalid", read("[".repeat(MAX_DEPTH + 1) + "1" + "]".repeat(MAX_DEPTH + 1)));
        assertEquals("invalid", read("[".repeat(100_000)));
    }

    @Test
    void plainAsciiStringsAreKeptAsTheirBytesAndOthersAsJsonTextEscapesThem() {
        byte[] text = "[\"plain\",\"caf\u00e9\",\"\\u0041\"]".getBytes(StandardCharsets.UTF_8);
        JsonValue value = new JsonBytesReader(text, text.length, MAX_DEPTH).value(0);
        assertInstanceOf(Utf8String.class, value.asJsonArray().get(0));
        assertEquals("[\"plain\",\"café\",\"A\"]", JsonText.toJson(value));
        assertEquals("café", value.asJsonArray().getString(1));
    }

    @Test
    void onlyTheGivenLengthIsRead() {
        byte[] text = "[1]garbage".getBytes(StandardCharsets.UTF_8);
        JsonBytesReader reader = new JsonBytesReader(text, 3, MAX_DEPTH);
        assertEquals("[1]", JsonText.toJson(reader.value(0)));
        reader.end();
        assertThrows(JsonBytesReader.Invalid.class, () -> new JsonBytesReader(text, 4, MAX_DEPTH).end());
    }

    @Test
    void namesAtTheTopLevelsAreReusedFromRequestToRequestAndDeeperOnesAreNot() {
        byte[] text = "{\"KV_SET\":{\"keys\":{\"user\":1}}}".getBytes(StandardCharsets.UTF_8);
        JsonBytesReader first = new JsonBytesReader(text, text.length, MAX_DEPTH);
        JsonBytesReader second = new JsonBytesReader(text, text.length, MAX_DEPTH);
        first.startObject();
        second.startObject();
        first.nextMember();
        second.nextMember();
        assertSame(first.memberName(), second.memberName());
        JsonValue firstBody = first.value(1);
        JsonValue secondBody = second.value(1);
        String firstKeys = firstBody.asJsonObject().keySet().iterator().next();
        assertSame(firstKeys, secondBody.asJsonObject().keySet().iterator().next());
        assertNotSame(firstBody.asJsonObject().getJsonObject(firstKeys).keySet().iterator().next(),
                secondBody.asJsonObject().getJsonObject(firstKeys).keySet().iterator().next());
    }

    /** Random edits of valid texts: every variation is read as Parsson reads it, or refused as Parsson refuses it. */
    @Test
    void randomVariationsAgreeWithParsson() {
        String[] seeds = {
            "{\"KV_SET\":{\"keys\":{\"user:1\":{\"name\":\"Ann\",\"age\":-12.5e3,\"tags\":[\"a\",true,null]}}}}",
            "[0,1.25,-0.0e-0,\"\\u00e9\\\"\\n\",{\"\":[]},[[{}]]]",
            "{\"KV_GET\":{\"keys\":[\"k1\",\"k2\"],\"tkn\":18446744073709551615}}"};
        String alphabet = "{}[]:,\"\\ -+.0123456789eEtrufalsn\tu\u00e9x/";
        Random random = new Random(20261203);
        int disagreements = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            StringBuilder text = new StringBuilder(seeds[i % seeds.length]);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && !text.isEmpty(); e++) {
                int at = random.nextInt(text.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, c);
                    case 1 -> text.deleteCharAt(at);
                    default -> text.setCharAt(at, c);
                }
            }
            String variation = text.toString();
            String ours = read(variation);
            String parsson = readWithParsson(variation);
            if (!ours.equals(parsson)) {
                if (disagreements++ == 0) {
                    first.append(variation).append(" -> ours ").append(ours).append(", Parsson ").append(parsson);
                }
            }
        }
        assertEquals(0, disagreements, first::toString);
    }
}
