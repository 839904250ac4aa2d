package io.nemesisdb.session;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The KV data commands in sessions mode: one key space per session, tokens checked and echoed last. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
class SessionKvCommandsTest {

    private SessionClient client;
    private String token;

    @BeforeEach
    void connect() throws Exception {
        client = SessionClient.connect();
        token = client.newSession();
        client.command("KV_SET", token, "\"keys\":{\"a\":1,\"b\":\"two\"}");
    }

    @AfterEach
    void disconnect() throws Exception {
        client.command("SH_END", token, "");
        client.close();
    }

    /** Each KV command with valid members, and its reply in the session holding a=1, b="two" (before "tkn"). */
    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("KV_SET", "\"keys\":{\"c\":3}", "{\"KV_SET_RSP\":{\"st\":1"),
                Arguments.of("KV_ADD", "\"keys\":{\"a\":9,\"c\":3}", "{\"KV_ADD_RSP\":{\"st\":1"),
                Arguments.of("KV_GET", "\"keys\":[\"a\",\"x\"]", "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"a\":1}"),
                Arguments.of("KV_RMV", "\"keys\":[\"a\"]", "{\"KV_RMV_RSP\":{\"st\":1"),
                Arguments.of("KV_CLEAR", "", "{\"KV_CLEAR_RSP\":{\"st\":1,\"cnt\":2"),
                Arguments.of("KV_COUNT", "", "{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":2"),
                Arguments.of("KV_CONTAINS", "\"keys\":[\"b\",\"x\",\"a\"]", "{\"KV_CONTAINS_RSP\":{\"st\":1,\"contains\":[\"b\",\"a\"]"),
                Arguments.of("KV_KEYS", "\"keys\":[]", null),
                Arguments.of("KV_CLEAR_SET", "\"keys\":{\"z\":0}", "{\"KV_CLEAR_SET_RSP\":{\"st\":1,\"cnt\":2"),
                Arguments.of("KV_UPDATE", "\"key\":\"a\",\"\":5", "{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"a\",\"cnt\":1"),
                Arguments.of("KV_FIND", "\"rsp\":\"paths\",\"keys\":[\"b\"],\"path\":\"$\"", "{\"KV_FIND_RSP\":{\"st\":1,\"paths\":[\"$\"]"),
                Arguments.of("KV_ARR_APPEND", "\"key\":\"b\",\"items\":[1]", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void successReplyEndsWithTheToken(String command, String members, String expectedStart) throws Exception {
        String reply = client.command(command, token, members);
        assertTrue(reply.endsWith(",\"tkn\":" + token + "}}"), reply);
        if (expectedStart != null) {
            assertEquals(expectedStart + ",\"tkn\":" + token + "}}", reply);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void unknownSessionIs100WithTheTokenEchoed(String command, String members, String ignored) throws Exception {
        String unknown = "12345678901234567890";
        assertReply("{\"" + command + "_RSP\":{\"st\":100,\"tkn\":" + unknown + "}}", client.command(command, unknown, members));
        assertReply("{\"" + command + "_RSP\":{\"st\":100,\"tkn\":" + unknown + "}}",
                client.command(command, "\"" + unknown + "\"", members));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void absentOrMalformedTokenIs101WithNullToken(String command, String members, String ignored) throws Exception {
        String noToken = "{\"" + command + "\":{" + members + "}}";
        assertReply("{\"" + command + "_RSP\":{\"st\":101,\"tkn\":null}}", client.request(noToken));
        assertReply("{\"" + command + "_RSP\":{\"st\":101,\"tkn\":null}}", client.command(command, "-5", members));
        assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":2,\"tkn\":" + token + "}}", client.command("KV_COUNT", token, ""));
    }

    @Test
    void keysAreListedInTheOrderOf064() throws Exception {
        client.command("KV_SET", token, "\"keys\":{\"delta\":1,\"alpha\":2,\"charlie\":3}");
        client.command("KV_RMV", token, "\"keys\":[\"a\"]");
        assertEquals("{\"KV_KEYS_RSP\":{\"st\":1,\"keys\":[\"charlie\",\"b\",\"delta\",\"alpha\"],\"tkn\":" + token + "}}",
                client.command("KV_KEYS", token, ""));
    }

    @Test
    void parameterErrorsComeBeforeTokenErrorsAndEchoAWellFormedToken() throws Exception {
        assertReply("{\"KV_SET_RSP\":{\"st\":26,\"tkn\":null}}", client.request("{\"KV_SET\":{}}"));
        assertReply("{\"KV_SET_RSP\":{\"st\":41,\"tkn\":null}}", client.request("{\"KV_SET\":{\"keys\":[]}}"));
        assertReply("{\"KV_SET_RSP\":{\"st\":42,\"tkn\":null}}", client.request("{\"KV_SET\":{\"keys\":{}}}"));
        assertReply("{\"KV_RMV_RSP\":{\"st\":42,\"tkn\":7}}", client.command("KV_RMV", "7", "\"keys\":[]"));
        assertReply("{\"KV_GET_RSP\":{\"st\":26,\"tkn\":" + token + "}}", client.command("KV_GET", token, ""));
        assertReply("{\"KV_SETQ_RSP\":{\"st\":41,\"tkn\":" + token + "}}", client.command("KV_SETQ", token, "\"keys\":1"));
    }

    @Test
    void sessionsAreSeparateKeySpaces() throws Exception {
        String other = client.newSession();
        assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{},\"tkn\":" + other + "}}", client.command("KV_GET", other, "\"keys\":[\"a\"]"));
        client.command("KV_SET", other, "\"keys\":{\"a\":\"other\"}");
        assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"a\":1},\"tkn\":" + token + "}}", client.command("KV_GET", token, "\"keys\":[\"a\"]"));
        assertReply("{\"KV_CLEAR_RSP\":{\"st\":1,\"cnt\":1,\"tkn\":" + other + "}}", client.command("KV_CLEAR", other, ""));
        assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":2,\"tkn\":" + token + "}}", client.command("KV_COUNT", token, ""));
        client.command("SH_END", other, "");
    }

    @Test
    void quietCommandsStayQuietInASessionAndReportErrorsWithTheToken() throws Exception {
        client.send(SessionClient.message("KV_SETQ", token, "\"keys\":{\"q\":1}"));
        client.send(SessionClient.message("KV_ADDQ", token, "\"keys\":{\"r\":2}"));
        assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":4,\"tkn\":" + token + "}}", client.command("KV_COUNT", token, ""));
        assertReply("{\"KV_SETQ_RSP\":{\"st\":100,\"tkn\":99}}", client.command("KV_SETQ", "99", "\"keys\":{\"q\":1}"));
        assertNull(client.raw().receive(200));
    }

    @Test
    void commandsOnAnEndedSessionAre100() throws Exception {
        String ended = client.newSession();
        client.command("KV_SET", ended, "\"keys\":{\"a\":1}");
        client.command("SH_END", ended, "");
        assertReply("{\"KV_GET_RSP\":{\"st\":100,\"tkn\":" + ended + "}}", client.command("KV_GET", ended, "\"keys\":[\"a\"]"));
        assertReply("{\"KV_SET_RSP\":{\"st\":100,\"tkn\":" + ended + "}}", client.command("KV_SET", ended, "\"keys\":{\"a\":1}"));
    }
}
