package io.nemesisdb.command;

import static io.nemesisdb.support.Replies.assertReply;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The envelope checks of protocol section 1.1, in their order, over a real WebSocket in KV mode. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class EnvelopeChecksTest {

    private WsClient client;

    @BeforeEach
    void connect() throws Exception {
        client = TestServer.connect();
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    static Stream<Arguments> rejectedMessages() {
        return Stream.of(
                Arguments.of("empty message", "", "{\"ERR\":{\"st\":3}}"),
                Arguments.of("not JSON", "hello", "{\"ERR\":{\"st\":3}}"),
                Arguments.of("truncated", "{\"KV_SET\":{\"keys\":{\"a\":1}", "{\"ERR\":{\"st\":3}}"),
                Arguments.of("truncated with two commands", "{\"KV_GET\":{},\"KV_SET\":", "{\"ERR\":{\"st\":3}}"),
                Arguments.of("trailing garbage", "{\"KV_COUNT\":{}} x", "{\"ERR\":{\"st\":3}}"),
                Arguments.of("two documents", "{\"KV_COUNT\":{}}{\"KV_COUNT\":{}}", "{\"ERR\":{\"st\":3}}"),
                Arguments.of("comment", "{\"KV_COUNT\":{} /* c */}", "{\"ERR\":{\"st\":3}}"),
                Arguments.of("single quotes", "{'KV_COUNT':{}}", "{\"ERR\":{\"st\":3}}"),
                Arguments.of("nesting beyond the limit", "[".repeat(100_000), "{\"ERR\":{\"st\":3}}"),
                Arguments.of("array", "[]", "{\"ERR\":{\"st\":13}}"),
                Arguments.of("array holding a command", "[{\"KV_COUNT\":{}}]", "{\"ERR\":{\"st\":13}}"),
                Arguments.of("number", "5", "{\"ERR\":{\"st\":13}}"),
                Arguments.of("string", "\"KV_COUNT\"", "{\"ERR\":{\"st\":13}}"),
                Arguments.of("null", "null", "{\"ERR\":{\"st\":13}}"),
                Arguments.of("empty object", "{}", "{\"ERR\":{\"st\":13}}"),
                Arguments.of("two commands", "{\"KV_COUNT\":{},\"KV_KEYS\":{}}", "{\"ERR\":{\"st\":11}}"),
                Arguments.of("one command twice", "{\"KV_COUNT\":{},\"KV_COUNT\":{}}", "{\"ERR\":{\"st\":11}}"),
                Arguments.of("two commands, first not an object", "{\"KV_GET\":[],\"KV_KEYS\":{}}", "{\"ERR\":{\"st\":11}}"),
                Arguments.of("command value an array", "{\"KV_GET\":[]}", "{\"KV_GET_RSP\":{\"st\":12}}"),
                Arguments.of("command value null", "{\"KV_COUNT\":null}", "{\"KV_COUNT_RSP\":{\"st\":12}}"),
                Arguments.of("unknown command value a string", "{\"NOPE\":\"x\"}", "{\"NOPE_RSP\":{\"st\":12}}"),
                Arguments.of("unknown command", "{\"KV_NOPE\":{}}", "{\"KV_NOPE_RSP\":{\"st\":10}}"),
                Arguments.of("lower-case name", "{\"kv_count\":{}}", "{\"kv_count_RSP\":{\"st\":10}}"),
                Arguments.of("session command in KV mode", "{\"SH_NEW\":{\"name\":\"x\"}}", "{\"SH_NEW_RSP\":{\"st\":10}}"),
                Arguments.of("name needing escapes", "{\"A\\\"B\":{}}", "{\"A\\\"B_RSP\":{\"st\":10}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedMessages")
    void rejectedMessageGetsItsStatusAndConnectionStaysUsable(String what, String message, String expected) throws Exception {
        client.sendText(message);
        assertReply(expected, client.receiveText());
        assertReply("{\"KV_SET_RSP\":{\"st\":1}}", client.request("{\"KV_SET\":{\"keys\":{\"alive\":true}}}"));
    }

    @Test
    void invalidJsonInsideAStringIsStillJsonInvalid() throws Exception {
        client.sendTextBytes("{\"KV_SET\":{\"keys\":{\"a\":\"\u0001\"}}}".getBytes(StandardCharsets.UTF_8));
        assertReply("{\"ERR\":{\"st\":3}}", client.receiveText());
    }
}
