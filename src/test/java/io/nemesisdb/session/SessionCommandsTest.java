package io.nemesisdb.session;

import static io.nemesisdb.session.SessionClient.token;
import static io.nemesisdb.support.Replies.assertReply;
import static io.nemesisdb.support.Replies.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every SH_ command of protocol section 5 (saving and loading aside): success and every error. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
class SessionCommandsTest {

    private static final BigInteger TWO_TO_63 = BigInteger.ONE.shiftLeft(63);
    /** Two names with one shared token (5436266092968263419): the mask leaves 39 free bits. */
    private static final String NAME = "room-551618";
    private static final String COLLIDING = "room-793997";
    private static final String COLLIDING_TOKEN = "5436266092968263419";

    private SessionClient client;

    @BeforeEach
    void connect() throws Exception {
        client = SessionClient.connect();
        client.request("{\"SH_END_ALL\":{}}");
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    private void assertTotals(int sessions, int keys) throws Exception {
        assertReply("{\"SH_INFO_ALL_RSP\":{\"st\":1,\"totalSessions\":" + sessions + ",\"totalKeys\":" + keys + "}}",
                client.request("{\"SH_INFO_ALL\":{}}"));
    }

    @Test
    void newSessionRepliesNameAndTokenInThatOrder() throws Exception {
        String reply = client.request("{\"SH_NEW\":{\"name\":\"user\"}}");
        assertTrue(reply.matches("\\{\"SH_NEW_RSP\":\\{\"st\":1,\"name\":\"user\",\"tkn\":[1-9][0-9]*}}"), reply);
        assertTotals(1, 0);
    }

    @Test
    void privateSessionNeedsNoNameAndItsReplyHasNone() throws Exception {
        String reply = client.request("{\"SH_NEW\":{}}");
        assertTrue(reply.matches("\\{\"SH_NEW_RSP\":\\{\"st\":1,\"tkn\":[1-9][0-9]*}}"), reply);
        String expiring = client.request("{\"SH_NEW\":{\"shared\":false,\"expiry\":{\"duration\":60,\"deleteSession\":true}}}");
        JsonObject info = body(client.command("SH_INFO", token(body(expiring, "SH_NEW_RSP")), ""), "SH_INFO_RSP");
        assertEquals(60, info.getJsonObject("expiry").getInt("duration"));
        assertTotals(2, 0);
    }

    @Test
    void serverInfoNeedsNoTokenAndSaysSessionsMode() throws Exception {
        assertEquals("{\"SV_INFO_RSP\":{\"st\":1,\"serverVersion\":\"dev\",\"sessionsEnabled\":true,\"persistEnabled\":true}}",
                client.request("{\"SV_INFO\":{}}"));
    }

    @Test
    void tokensOfSessionsThatAreNotSharedAreDistinctAndNeverZero() throws Exception {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            tokens.add(client.newSession("same", ""));
        }
        assertEquals(50, tokens.size());
        assertTrue(!tokens.contains("0"));
        assertTotals(50, 0);
    }

    @Test
    void sharedNameInUseIs103WithTheExistingTokenAndChangesNothing() throws Exception {
        String token = client.newSession("room", ",\"shared\":true,\"expiry\":{\"duration\":100,\"deleteSession\":true}");
        client.command("KV_SET", token, "\"keys\":{\"a\":1}");
        assertReply("{\"SH_NEW_RSP\":{\"st\":103,\"name\":\"room\",\"tkn\":" + token + "}}",
                client.request("{\"SH_NEW\":{\"name\":\"room\",\"shared\":true}}"));
        JsonObject info = body(client.command("SH_INFO", token, ""), "SH_INFO_RSP");
        assertEquals(1, info.getInt("keyCnt"));
        assertEquals(100, info.getJsonObject("expiry").getInt("duration"));
        assertTotals(1, 1);
    }

    @Test
    void sessionThatIsNotSharedDoesNotClaimItsName() throws Exception {
        client.newSession("room", "");
        assertReply("{\"SH_OPEN_RSP\":{\"st\":102,\"name\":\"room\",\"tkn\":null}}", client.request("{\"SH_OPEN\":{\"name\":\"room\"}}"));
        String shared = client.newSession("room", ",\"shared\":true");
        assertReply("{\"SH_OPEN_RSP\":{\"st\":1,\"name\":\"room\",\"tkn\":" + shared + "}}",
                client.request("{\"SH_OPEN\":{\"name\":\"room\"}}"));
    }

    @Test
    void aNameWhoseTokenBelongsToAnotherNameNeverReachesThatSession() throws Exception {
        assertEquals(SharedToken.of(NAME), SharedToken.of(COLLIDING), "the names must collide for this test to mean anything");
        String token = client.newSession(NAME, ",\"shared\":true");
        assertEquals(COLLIDING_TOKEN, token);
        client.command("KV_SET", token, "\"keys\":{\"secret\":\"of-551618\"}");

        assertReply("{\"SH_OPEN_RSP\":{\"st\":102,\"name\":\"" + COLLIDING + "\",\"tkn\":null}}",
                client.request("{\"SH_OPEN\":{\"name\":\"" + COLLIDING + "\"}}"));
        assertReply("{\"SH_NEW_RSP\":{\"st\":104,\"name\":\"" + COLLIDING + "\"}}",
                client.request("{\"SH_NEW\":{\"name\":\"" + COLLIDING + "\",\"shared\":true,\"expiry\":{\"duration\":5,\"deleteSession\":true}}}"));

        assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"secret\":\"of-551618\"},\"tkn\":" + token + "}}",
                client.command("KV_GET", token, "\"keys\":[\"secret\"]"));
        assertEquals("{\"SH_INFO_RSP\":{\"st\":1,\"tkn\":" + token + ",\"shared\":true,\"keyCnt\":1,\"expires\":false}}",
                client.command("SH_INFO", token, ""), "the refused SH_NEW changed nothing, its expiry included");
        assertReply("{\"SH_OPEN_RSP\":{\"st\":1,\"name\":\"" + NAME + "\",\"tkn\":" + token + "}}",
                client.request("{\"SH_OPEN\":{\"name\":\"" + NAME + "\"}}"));
        assertReply("{\"SH_NEW_RSP\":{\"st\":103,\"name\":\"" + NAME + "\",\"tkn\":" + token + "}}",
                client.request("{\"SH_NEW\":{\"name\":\"" + NAME + "\",\"shared\":true}}"));
        assertTotals(1, 1);
    }

    @Test
    void onceTheOtherNameEndedItsSessionTheCollidingNameCanCreateItsOwn() throws Exception {
        String first = client.newSession(NAME, ",\"shared\":true");
        client.command("KV_SET", first, "\"keys\":{\"a\":1}");
        client.command("SH_END", first, "");
        String second = client.newSession(COLLIDING, ",\"shared\":true");
        assertEquals(first, second, "the token is the name's, as 0.6.4 derives it");
        assertEquals("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":0,\"tkn\":" + second + "}}", client.command("KV_COUNT", second, ""));
        assertReply("{\"SH_OPEN_RSP\":{\"st\":1,\"name\":\"" + COLLIDING + "\",\"tkn\":" + second + "}}",
                client.request("{\"SH_OPEN\":{\"name\":\"" + COLLIDING + "\"}}"));
        assertReply("{\"SH_OPEN_RSP\":{\"st\":102,\"name\":\"" + NAME + "\",\"tkn\":null}}",
                client.request("{\"SH_OPEN\":{\"name\":\"" + NAME + "\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "shared without name | {\"shared\":true}                                  | 26",
            "shared without name, expiring | {\"shared\":true,\"expiry\":{\"duration\":5,\"deleteSession\":true}} | 26",
            "name not a string | {\"name\":5}                                         | 41",
            "name empty | {\"name\":\"\"}                                             | 42",
            "shared not a bool | {\"name\":\"n\",\"shared\":\"true\"}                  | 41",
            "expiry not an object | {\"name\":\"n\",\"expiry\":5}                       | 41",
            "duration missing | {\"name\":\"n\",\"expiry\":{\"deleteSession\":true}}     | 26",
            "deleteSession missing | {\"name\":\"n\",\"expiry\":{\"duration\":5}}       | 26",
            "duration negative | {\"name\":\"n\",\"expiry\":{\"duration\":-1,\"deleteSession\":true}}   | 41",
            "duration fraction | {\"name\":\"n\",\"expiry\":{\"duration\":1.5,\"deleteSession\":true}}  | 41",
            "duration exponent | {\"name\":\"n\",\"expiry\":{\"duration\":1e3,\"deleteSession\":true}}  | 41",
            "duration string | {\"name\":\"n\",\"expiry\":{\"duration\":\"5\",\"deleteSession\":true}} | 41",
            "duration too large | {\"name\":\"n\",\"expiry\":{\"duration\":99999999999999999999,\"deleteSession\":true}} | 41",
            "deleteSession not a bool | {\"name\":\"n\",\"expiry\":{\"duration\":5,\"deleteSession\":1}} | 41"})
    void invalidNewSessionIsRejectedAndCreatesNothing(String what, String body, int status) throws Exception {
        assertReply("{\"SH_NEW_RSP\":{\"st\":" + status + "}}", client.request("{\"SH_NEW\":" + body + "}"));
        assertTotals(0, 0);
    }

    @Test
    void endRepliesTheTokenAndTheSessionIsGone() throws Exception {
        String token = client.newSession();
        assertEquals("{\"SH_END_RSP\":{\"st\":1,\"tkn\":" + token + "}}", client.command("SH_END", token, ""));
        assertReply("{\"SH_END_RSP\":{\"st\":100,\"tkn\":" + token + "}}", client.command("SH_END", token, ""));
        assertReply("{\"KV_COUNT_RSP\":{\"st\":100,\"tkn\":" + token + "}}", client.command("KV_COUNT", token, ""));
        assertTotals(0, 0);
    }

    @Test
    void endAcceptsATokenWrittenAsADecimalString() throws Exception {
        String token = client.newSession();
        assertReply("{\"SH_END_RSP\":{\"st\":1,\"tkn\":" + token + "}}", client.command("SH_END", "\"" + token + "\"", ""));
        assertTotals(0, 0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SH_END", "SH_INFO"})
    void absentOrMalformedTokenIs101WithNullToken(String command) throws Exception {
        client.newSession();
        String expected = "{\"" + command + "_RSP\":{\"st\":101,\"tkn\":null}}";
        assertReply(expected, client.request("{\"" + command + "\":{}}"));
        for (String bad : new String[] {"null", "-1", "1.5", "1e3", "1.0", "18446744073709551616", "\"12a\"", "\"\"", "\"-1\"",
                "true", "[1]", "{}"}) {
            assertReply(expected, client.command(command, bad, ""));
        }
        assertTotals(1, 0);
    }

    @Test
    void tokenAbove2To63RoundTripsAsAnUnsignedNumber() throws Exception {
        String token = client.newSession();
        for (int i = 0; i < 200 && new BigInteger(token).compareTo(TWO_TO_63) < 0; i++) {
            token = client.newSession();
        }
        assertTrue(new BigInteger(token).compareTo(TWO_TO_63) >= 0, "no token above 2^63 in 200 sessions");
        assertEquals("{\"KV_SET_RSP\":{\"st\":1,\"tkn\":" + token + "}}", client.command("KV_SET", token, "\"keys\":{\"a\":1}"));
        assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"a\":1},\"tkn\":" + token + "}}",
                client.command("KV_GET", "\"" + token + "\"", "\"keys\":[\"a\"]"));
        assertReply("{\"SH_EXISTS_RSP\":{\"st\":1,\"exist\":[" + token + "]}}",
                client.request("{\"SH_EXISTS\":{\"tkns\":[" + token + "]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "sesh1, 13398186314930249707",
            "shared1, 15992824868599950585",
            "user, 6731752792057109737",
            "b, 10910374442705604605",
            "é, 15810026361780424701",
            "a-much-longer-session-name-over-8-bytes, 13257591462412344507"})
    void sharedSessionTokenIsTheHashOfItsNameAndOpensByName(String name, String expected) throws Exception {
        assertEquals("{\"SH_NEW_RSP\":{\"st\":1,\"name\":\"" + name + "\",\"tkn\":" + expected + "}}",
                client.request("{\"SH_NEW\":{\"name\":\"" + name + "\",\"shared\":true}}"));
        assertEquals("{\"SH_OPEN_RSP\":{\"st\":1,\"name\":\"" + name + "\",\"tkn\":" + expected + "}}",
                client.request("{\"SH_OPEN\":{\"name\":\"" + name + "\"}}"));
        assertEquals("{\"SH_INFO_RSP\":{\"st\":1,\"tkn\":" + expected + ",\"shared\":true,\"keyCnt\":0,\"expires\":false}}",
                client.command("SH_INFO", expected, ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "name missing | {} | 26",
            "name not a string | {\"name\":1} | 41",
            "name empty | {\"name\":\"\"} | 42"})
    void invalidOpenIsRejected(String what, String body, int status) throws Exception {
        assertReply("{\"SH_OPEN_RSP\":{\"st\":" + status + "}}", client.request("{\"SH_OPEN\":" + body + "}"));
    }

    @Test
    void openOfAnUnknownNameIs102WithNullToken() throws Exception {
        assertEquals("{\"SH_OPEN_RSP\":{\"st\":102,\"name\":\"nobody\",\"tkn\":null}}",
                client.request("{\"SH_OPEN\":{\"name\":\"nobody\"}}").replaceAll(",\"m\":\"[^\"]*\"", ""));
    }

    @Test
    void infoOfASessionWithoutExpiry() throws Exception {
        String token = client.newSession();
        client.command("KV_SET", token, "\"keys\":{\"a\":1,\"b\":2}");
        assertEquals("{\"SH_INFO_RSP\":{\"st\":1,\"tkn\":" + token + ",\"shared\":false,\"keyCnt\":2,\"expires\":false}}",
                client.command("SH_INFO", token, "\"extra\":[1,2]"));
    }

    @Test
    void infoOfAnExpiringSessionReportsItsExpiry() throws Exception {
        String token = client.newSession("e", ",\"shared\":false,\"expiry\":{\"duration\":100,\"deleteSession\":false}");
        String reply = client.command("SH_INFO", token, "");
        assertTrue(reply.matches("\\{\"SH_INFO_RSP\":\\{\"st\":1,\"tkn\":" + token + ",\"shared\":false,\"keyCnt\":0,"
                + "\"expires\":true,\"expiry\":\\{\"duration\":100,\"remaining\":(99|100),\"deleteSession\":false}}}"), reply);
    }

    @Test
    void infoOfAnUnknownSessionIs100WithTheToken() throws Exception {
        assertReply("{\"SH_INFO_RSP\":{\"st\":100,\"tkn\":18446744073709551615}}",
                client.command("SH_INFO", "18446744073709551615", ""));
        assertReply("{\"SH_INFO_RSP\":{\"st\":100,\"tkn\":0}}", client.command("SH_INFO", "\"0\"", ""));
    }

    @Test
    void infoAllCountsSessionsAndKeys() throws Exception {
        assertTotals(0, 0);
        String first = client.newSession();
        String second = client.newSession("x", ",\"shared\":true");
        client.newSession();
        client.command("KV_SET", first, "\"keys\":{\"a\":1,\"b\":2}");
        client.command("KV_SET", second, "\"keys\":{\"a\":1}");
        assertTotals(3, 3);
    }

    @Test
    void existsListsTheExistingWellFormedTokensInRequestOrder() throws Exception {
        String first = client.newSession();
        String second = client.newSession();
        String ended = client.newSession();
        client.command("SH_END", ended, "");
        String reply = client.request("{\"SH_EXISTS\":{\"tkns\":[" + second + ",\"" + first + "\"," + ended
                + ",0,-1,1.5,null,\"x\",{},[]," + second + ",18446744073709551616]}}");
        assertEquals("{\"SH_EXISTS_RSP\":{\"st\":1,\"exist\":[" + second + "," + first + "," + second + "]}}", reply);
        assertEquals("{\"SH_EXISTS_RSP\":{\"st\":1,\"exist\":[]}}", client.request("{\"SH_EXISTS\":{\"tkns\":[]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tkns missing | {} | 26",
            "tkns not an array | {\"tkns\":5} | 41",
            "tkns an object | {\"tkns\":{}} | 41"})
    void invalidExistsIsRejected(String what, String body, int status) throws Exception {
        assertReply("{\"SH_EXISTS_RSP\":{\"st\":" + status + "}}", client.request("{\"SH_EXISTS\":" + body + "}"));
    }

    @Test
    void endAllEndsEverySessionAndCountsThem() throws Exception {
        String first = client.newSession();
        client.newSession("s", ",\"shared\":true");
        client.newSession();
        client.command("KV_SET", first, "\"keys\":{\"a\":1}");
        assertEquals("{\"SH_END_ALL_RSP\":{\"st\":1,\"cnt\":3}}", client.request("{\"SH_END_ALL\":{}}"));
        assertTotals(0, 0);
        assertReply("{\"KV_GET_RSP\":{\"st\":100,\"tkn\":" + first + "}}", client.command("KV_GET", first, "\"keys\":[\"a\"]"));
        assertReply("{\"SH_OPEN_RSP\":{\"st\":102,\"name\":\"s\",\"tkn\":null}}", client.request("{\"SH_OPEN\":{\"name\":\"s\"}}"));
        assertEquals("{\"SH_END_ALL_RSP\":{\"st\":1,\"cnt\":0}}", client.request("{\"SH_END_ALL\":{}}"));
    }

    @Test
    void sharedSessionCanBeCreatedAgainAfterItEnded() throws Exception {
        String token = client.newSession("again", ",\"shared\":true");
        client.command("SH_END", token, "");
        assertEquals(token, client.newSession("again", ",\"shared\":true"));
    }

    @Test
    void sessionCommandsNeverReplyWithoutRsp() throws Exception {
        JsonObject reply = body(client.request("{\"SH_INFO\":{\"tkn\":\"bad\"}}"), "SH_INFO_RSP");
        assertNotEquals(1, reply.getInt("st"));
    }
}
