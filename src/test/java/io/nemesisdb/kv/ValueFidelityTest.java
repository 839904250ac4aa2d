package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.stream.Stream;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values come back exactly as stored: text, escapes, key names, big and decimal numbers, deep values. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class ValueFidelityTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("non-ASCII text", "\"héllo wörld ✓ 😀 中文\"", "\"héllo wörld ✓ 😀 中文\""),
                Arguments.of("escapes", "\"line1\\nline2\\ttab \\\"quoted\\\" back\\\\slash \\u0001 \\/\"",
                        "\"line1\\nline2\\ttab \\\"quoted\\\" back\\\\slash \\u0001 /\""),
                Arguments.of("integer above 2^64", "184467440737095516150000", "184467440737095516150000"),
                Arguments.of("2^64-1", "18446744073709551615", "18446744073709551615"),
                Arguments.of("negative", "-42", "-42"),
                Arguments.of("decimal with trailing zero", "5.50", "5.50"),
                Arguments.of("exponent", "1.5e300", "1.5e300"),
                Arguments.of("tiny", "-0.000000000000000000000000001", "-0.000000000000000000000000001"),
                Arguments.of("null", "null", "null"),
                Arguments.of("booleans", "[true,false]", "[true,false]"),
                Arguments.of("empty containers", "{\"a\":{},\"b\":[],\"\":\"\"}", "{\"a\":{},\"b\":[],\"\":\"\"}"),
                Arguments.of("surrogates without their pair", "\"a\\ud800b\\udc00c\\ud83d\\ude00\"",
                        "\"a\\ud800b\\udc00c\ud83d\ude00\""),
                same("deep object", "{\"a\":".repeat(200) + "1" + "}".repeat(200)),
                same("deep array", "[".repeat(500) + "\"x\"" + "]".repeat(500)));
    }

    /** A value the server writes back with the very same text. */
    private static Arguments same(String what, String json) {
        return Arguments.of(what, json, json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valueRoundTripsExactly(String what, String json, String written) throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.request("{\"KV_SET\":{\"keys\":{\"v\":" + json + "}}}");
            String reply = client.request("{\"KV_GET\":{\"keys\":[\"v\"]}}");
            JsonValue stored = Replies.body(reply, "KV_GET_RSP").getJsonObject("keys").get("v");
            assertEquals(Replies.parse("{\"v\":" + json + "}").get("v"), stored);
            assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"v\":" + written + "}}}", reply,
                    "numbers keep their literal text; strings are written with the minimal escapes");
        }
    }

    @org.junit.jupiter.api.Test
    void emptyKeyNameIsAKeyLikeAnyOther() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.request("{\"KV_SET\":{\"keys\":{\"\":\"empty key name\"}}}");
            JsonValue value = Replies.body(client.request("{\"KV_GET\":{\"keys\":[\"\"]}}"), "KV_GET_RSP")
                    .getJsonObject("keys").get("");
            assertEquals("\"empty key name\"", value.toString());
        }
    }

    @org.junit.jupiter.api.Test
    void decimalsCompareByValue() throws Exception {
        try (WsClient client = TestServer.connect()) {
            client.request("{\"KV_SET\":{\"keys\":{\"price\":5.50}}}");
            JsonNumber price = Replies.body(client.request("{\"KV_GET\":{\"keys\":[\"price\"]}}"), "KV_GET_RSP")
                    .getJsonObject("keys").getJsonNumber("price");
            assertEquals(0, new BigDecimal("5.5").compareTo(price.bigDecimalValue()));
        }
    }
}
