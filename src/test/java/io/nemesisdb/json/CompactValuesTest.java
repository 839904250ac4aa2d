package io.nemesisdb.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import org.junit.jupiter.api.Test;

class CompactValuesTest {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private static JsonValue read(JsonValueReader reader, String text) {
        try (JsonParser parser = PROVIDER.createParser(new StringReader(text))) {
            return reader.read(parser, parser.next());
        }
    }

    private static JsonValue read(String text) {
        return read(new JsonValueReader(PROVIDER), text);
    }

    private static JsonValue parsson(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    @Test
    void objectsAndArraysEqualParssonsAndWriteTheSameText() {
        String text = "{\"a\":1,\"b\":[true,false,null,\"x\",{\"c\":[]}],\"d\":{},\"e\":\"é\"}";
        JsonValue compact = read(text);
        assertInstanceOf(CompactObject.class, compact);
        assertInstanceOf(CompactArray.class, compact.asJsonObject().get("b"));
        JsonValue expected = parsson(text);
        assertEquals(expected, compact);
        assertEquals(compact, expected);
        assertEquals(expected.hashCode(), compact.hashCode());
        assertEquals(text, compact.toString());
    }

    @Test
    void aRepeatedNameKeepsItsFirstPlaceAndItsLastValue() {
        JsonObject small = read("{\"a\":1,\"b\":2,\"a\":3}").asJsonObject();
        assertEquals("{\"a\":3,\"b\":2}", small.toString());
        assertEquals(2, small.size());

        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            text.append("\"m").append(i).append("\":").append(i).append(',');
        }
        text.append("\"m3\":\"last\"}");
        JsonObject large = read(text.toString()).asJsonObject();
        assertEquals(20, large.size());
        assertEquals("last", large.getString("m3"));
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), new ArrayList<>(large.keySet()).subList(0, 5));
    }

    @Test
    void lookupsFindEveryMemberOfLargeObjectsAndNothingElse() {
        JsonObjectBuilder expected = Json.createObjectBuilder();
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < 5000; i++) {
            text.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
            expected.add("k" + i, new LiteralNumber(Integer.toString(i)));
        }
        JsonObject large = read(text.append('}').toString()).asJsonObject();
        for (int i = 0; i < 5000; i++) {
            assertEquals(i, large.getInt("k" + i));
            assertTrue(large.containsKey("k" + i));
        }
        assertNull(large.get("k5000"));
        assertFalse(large.containsKey(42));
        assertEquals(expected.build(), large);
    }

    @Test
    void gettersBehaveAsJsonPDefinesThem() {
        JsonObject object = read("{\"s\":\"v\",\"n\":7,\"t\":true,\"z\":null,\"a\":[1,\"x\",false]}").asJsonObject();
        assertEquals("v", object.getString("s"));
        assertEquals("dflt", object.getString("n", "dflt"));
        assertEquals("dflt", object.getString("missing", "dflt"));
        assertEquals(7, object.getInt("n"));
        assertEquals(3, object.getInt("s", 3));
        assertTrue(object.getBoolean("t"));
        assertTrue(object.getBoolean("n", true));
        assertTrue(object.isNull("z"));
        assertThrows(NullPointerException.class, () -> object.getString("missing"));
        assertThrows(ClassCastException.class, () -> object.getString("n"));
        assertThrows(ClassCastException.class, () -> object.getBoolean("s"));

        JsonArray array = object.getJsonArray("a");
        assertEquals(1, array.getInt(0));
        assertEquals("x", array.getString(1));
        assertFalse(array.getBoolean(2));
        assertTrue(array.getBoolean(7, true));
        assertEquals("d", array.getString(0, "d"));
        assertEquals(List.of("x"), List.of(array.getJsonString(1).getString()));
        assertThrows(ClassCastException.class, () -> array.getValuesAs(JsonString.class));
        assertThrows(UnsupportedOperationException.class, () -> array.add(JsonValue.NULL));
        assertThrows(UnsupportedOperationException.class, () -> object.put("q", JsonValue.NULL));
    }

    @Test
    void aReaderSharingNamesKeepsOneCopyOfEachName() {
        JsonValueReader reader = JsonValueReader.sharing(PROVIDER);
        JsonObject first = read(reader, "{\"name\":1}").asJsonObject();
        JsonObject second = read(reader, "{\"name\":2}").asJsonObject();
        assertSame(first.keySet().iterator().next(), second.keySet().iterator().next());
    }

    @Test
    void aSharingReaderReadsRecordsOfChangingShapesExactly() {
        JsonValueReader reader = JsonValueReader.sharing(PROVIDER);
        List<String> records = List.of(
                "{\"id\":1,\"tags\":[\"a\",\"b\"],\"address\":{\"city\":\"Zürich\",\"zip\":\"8001\"}}",
                "{\"id\":2,\"tags\":[],\"address\":{\"city\":\"Bern\",\"zip\":\"3000\"}}",
                "{\"id\":3,\"address\":{\"zip\":\"3000\",\"city\":\"Bern\"},\"tags\":[\"a\"]}",
                "{\"id\":4,\"id\":5}",
                "[{\"id\":6},{\"id\":7,\"x\":null},{\"id\":8}]",
                "{\"id\":9,\"tags\":[\"a\",\"b\"],\"address\":{\"city\":\"Zürich\",\"zip\":\"8001\"}}");
        for (String record : records) {
            JsonValue value = read(reader, record);
            assertEquals(parsson(record), value, record);
            assertEquals(parsson(record).toString(), value.toString(), record);
        }
    }

    @Test
    void aSharingReaderRecoversFromAValueThatFailedToParse() {
        JsonValueReader reader = JsonValueReader.sharing(PROVIDER);
        assertThrows(RuntimeException.class, () -> read(reader, "{\"a\":[1,2,{\"b\":3"));
        assertEquals(parsson("{\"c\":[4],\"d\":{\"e\":5}}"), read(reader, "{\"c\":[4],\"d\":{\"e\":5}}"));
    }

    @Test
    void smallIntegerLiteralsAreSharedAndEveryOtherLiteralKeepsItsText() {
        assertSame(read("[42]").asJsonArray().get(0), read("{\"a\":42}").asJsonObject().get("a"));
        assertSame(LiteralNumber.of("0"), LiteralNumber.of("0"));
        assertSame(LiteralNumber.of("999"), LiteralNumber.of("999"));
        for (String text : List.of("0", "7", "42", "999", "1000", "-1", "-0", "1.0", "4e2", "0.5", "12345678901234567890")) {
            LiteralNumber number = LiteralNumber.of(text);
            assertEquals(text, number.text(), text);
            assertEquals(new BigDecimal(text), number.bigDecimalValue(), text);
        }
        assertNotSame(LiteralNumber.of("1000"), LiteralNumber.of("1000"));
    }

    @Test
    void aSharingReaderHoldsStringsAsUtf8Strings() {
        JsonValueReader reader = JsonValueReader.sharing(PROVIDER);
        JsonObject record = read(reader, "{\"short\":\"é\\n\",\"long\":\"" + "x".repeat(40) + "\"}").asJsonObject();
        assertEquals(Utf8String.class, record.get("short").getClass());
        assertEquals(Utf8String.class, record.get("long").getClass());
        assertEquals("é\n", record.getString("short"));
    }
}
