package io.nemesisdb.kv;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.CommandCore;
import io.nemesisdb.support.Replies;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The KV data commands of protocol section 4 in KV mode, sent to the command core. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class KvCommandsTest {

    private CommandCore client;

    @BeforeEach
    void connectToEmptyServer() throws Exception {
        client = CommandCore.connect();
        client.request("{\"KV_CLEAR\":{}}");
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    private void expect(String request, String expectedReply) throws Exception {
        assertReply(expectedReply, client.request(request));
    }

    /** Asserts that {@code request} gets no reply, then that the connection still answers. */
    private void expectSilence(String request) throws Exception {
        client.sendText(request);
        assertEquals(1, Replies.status(client.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"),
                "the next reply must be the one to the following command");
    }

    static Stream<Arguments> parameterErrors() {
        return Stream.of(
                Arguments.of("{\"KV_SET\":{}}", "{\"KV_SET_RSP\":{\"st\":26}}"),
                Arguments.of("{\"KV_SET\":{\"keys\":[]}}", "{\"KV_SET_RSP\":{\"st\":41}}"),
                Arguments.of("{\"KV_SET\":{\"keys\":\"a\"}}", "{\"KV_SET_RSP\":{\"st\":41}}"),
                Arguments.of("{\"KV_SET\":{\"keys\":{}}}", "{\"KV_SET_RSP\":{\"st\":42}}"),
                Arguments.of("{\"KV_SETQ\":{}}", "{\"KV_SETQ_RSP\":{\"st\":26}}"),
                Arguments.of("{\"KV_SETQ\":{\"keys\":5}}", "{\"KV_SETQ_RSP\":{\"st\":41}}"),
                Arguments.of("{\"KV_SETQ\":{\"keys\":{}}}", "{\"KV_SETQ_RSP\":{\"st\":42}}"),
                Arguments.of("{\"KV_ADD\":{}}", "{\"KV_ADD_RSP\":{\"st\":26}}"),
                Arguments.of("{\"KV_ADD\":{\"keys\":null}}", "{\"KV_ADD_RSP\":{\"st\":41}}"),
                Arguments.of("{\"KV_ADDQ\":{}}", "{\"KV_ADDQ_RSP\":{\"st\":26}}"),
                Arguments.of("{\"KV_ADDQ\":{\"keys\":true}}", "{\"KV_ADDQ_RSP\":{\"st\":41}}"),
                Arguments.of("{\"KV_ADDQ\":{\"keys\":{}}}", "{\"KV_ADDQ_RSP\":{\"st\":42}}"),
                Arguments.of("{\"KV_GET\":{}}", "{\"KV_GET_RSP\":{\"st\":26}}"),
                Arguments.of("{\"KV_GET\":{\"keys\":{\"a\":1}}}", "{\"KV_GET_RSP\":{\"st\":41}}"),
                Arguments.of("{\"KV_GET\":{\"keys\":\"a\"}}", "{\"KV_GET_RSP\":{\"st\":41}}"),
                Arguments.of("{\"KV_RMV\":{}}", "{\"KV_RMV_RSP\":{\"st\":26}}"),
                Arguments.of("{\"KV_RMV\":{\"keys\":\"a\"}}", "{\"KV_RMV_RSP\":{\"st\":41}}"),
                Arguments.of("{\"KV_RMV\":{\"keys\":[]}}", "{\"KV_RMV_RSP\":{\"st\":42}}"),
                Arguments.of("{\"KV_CONTAINS\":{}}", "{\"KV_CONTAINS_RSP\":{\"st\":26}}"),
                Arguments.of("{\"KV_CONTAINS\":{\"keys\":1}}", "{\"KV_CONTAINS_RSP\":{\"st\":41}}"),
                Arguments.of("{\"KV_CLEAR_SET\":{}}", "{\"KV_CLEAR_SET_RSP\":{\"st\":26}}"),
                Arguments.of("{\"KV_CLEAR_SET\":{\"keys\":[]}}", "{\"KV_CLEAR_SET_RSP\":{\"st\":41}}"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("parameterErrors")
    void invalidParametersAreRejectedAndChangeNothing(String request, String expectedReply) throws Exception {
        expect("{\"KV_SET\":{\"keys\":{\"keep\":1}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect(request, expectedReply);
        expect("{\"KV_GET\":{\"keys\":[\"keep\"]}}", "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"keep\":1}}}");
        expect("{\"KV_COUNT\":{}}", "{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":1}}");
    }

    @Test
    void setStoresAndOverwritesEveryKey() throws Exception {
        expect("{\"KV_SET\":{\"keys\":{\"username\":\"Bob\",\"age\":26}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_SET\":{\"keys\":{\"age\":27,\"job\":\"Builder\"}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_GET\":{\"keys\":[\"username\",\"age\",\"job\"]}}",
                "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"username\":\"Bob\",\"age\":27,\"job\":\"Builder\"}}}");
    }

    @Test
    void serverInfoSaysKvModeWithSavingEnabled() throws Exception {
        expect("{\"SV_INFO\":{\"x\":1}}",
                "{\"SV_INFO_RSP\":{\"st\":1,\"serverVersion\":\"dev\",\"sessionsEnabled\":false,\"persistEnabled\":true}}");
    }

    @Test
    void undeclaredMembersAreIgnored() throws Exception {
        expect("{\"KV_SET\":{\"keys\":{\"a\":1},\"tkn\":5,\"extra\":[1]}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_COUNT\":{\"whatever\":true}}", "{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":1}}");
    }

    @Test
    void setqIsSilentOnSuccessAndStores() throws Exception {
        expectSilence("{\"KV_SETQ\":{\"keys\":{\"q\":\"v\"}}}");
        expect("{\"KV_GET\":{\"keys\":[\"q\"]}}", "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"q\":\"v\"}}}");
    }

    @Test
    void addStoresOnlyAbsentKeys() throws Exception {
        expect("{\"KV_SET\":{\"keys\":{\"a\":1}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_ADD\":{\"keys\":{\"a\":2,\"b\":2}}}", "{\"KV_ADD_RSP\":{\"st\":1}}");
        expect("{\"KV_GET\":{\"keys\":[\"a\",\"b\"]}}", "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"a\":1,\"b\":2}}}");
    }

    @Test
    void addAcceptsAnEmptyObject() throws Exception {
        expect("{\"KV_ADD\":{\"keys\":{}}}", "{\"KV_ADD_RSP\":{\"st\":1}}");
    }

    @Test
    void addqIsSilentAndDoesNotOverwrite() throws Exception {
        expect("{\"KV_SET\":{\"keys\":{\"a\":1}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expectSilence("{\"KV_ADDQ\":{\"keys\":{\"a\":2,\"c\":3}}}");
        expect("{\"KV_GET\":{\"keys\":[\"a\",\"c\"]}}", "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"a\":1,\"c\":3}}}");
    }

    @Test
    void getLeavesOutAbsentKeysAndNonStrings() throws Exception {
        expect("{\"KV_SET\":{\"keys\":{\"a\":1}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_GET\":{\"keys\":[\"a\",\"missing\",5,null,{\"a\":1},\"a\"]}}",
                "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"a\":1}}}");
        expect("{\"KV_GET\":{\"keys\":[]}}", "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{}}}");
    }

    @Test
    void removeDeletesKeysAndIgnoresAbsentOnes() throws Exception {
        expect("{\"KV_SET\":{\"keys\":{\"a\":1,\"b\":2}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_RMV\":{\"keys\":[\"a\",\"zzz\",7]}}", "{\"KV_RMV_RSP\":{\"st\":1}}");
        expect("{\"KV_KEYS\":{}}", "{\"KV_KEYS_RSP\":{\"st\":1,\"keys\":[\"b\"]}}");
    }

    @Test
    void clearRemovesEverythingAndCounts() throws Exception {
        expect("{\"KV_SET\":{\"keys\":{\"a\":1,\"b\":2,\"c\":3}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_CLEAR\":{}}", "{\"KV_CLEAR_RSP\":{\"st\":1,\"cnt\":3}}");
        expect("{\"KV_CLEAR\":{}}", "{\"KV_CLEAR_RSP\":{\"st\":1,\"cnt\":0}}");
        expect("{\"KV_COUNT\":{}}", "{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":0}}");
    }

    @Test
    void containsListsExistingRequestedKeysInOrderWithDuplicates() throws Exception {
        expect("{\"KV_SET\":{\"keys\":{\"a\":1,\"b\":2}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_CONTAINS\":{\"keys\":[\"b\",\"x\",\"a\",\"b\",3]}}",
                "{\"KV_CONTAINS_RSP\":{\"st\":1,\"contains\":[\"b\",\"a\",\"b\"]}}");
        expect("{\"KV_CONTAINS\":{\"keys\":[]}}", "{\"KV_CONTAINS_RSP\":{\"st\":1,\"contains\":[]}}");
    }

    @Test
    void keysListsEveryKeyName() throws Exception {
        expect("{\"KV_SET\":{\"keys\":{\"a\":1,\"b\":2,\"\":3}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        Set<String> keys = new HashSet<>();
        Replies.body(client.request("{\"KV_KEYS\":{}}"), "KV_KEYS_RSP").getJsonArray("keys")
                .forEach(key -> keys.add(((JsonString) key).getString()));
        assertEquals(Set.of("a", "b", ""), keys);
    }

    /**
     * 0.6.4's order: first stored first; an overwrite keeps a key's place; a removal moves the
     * last key into the hole. The names are chosen so that no hash table lists them this way.
     */
    @Test
    void keysAreListedInTheOrderOf064() throws Exception {
        expect("{\"KV_SET\":{\"keys\":{\"delta\":1,\"alpha\":2,\"charlie\":3,\"bravo\":4}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_SET\":{\"keys\":{\"echo\":5}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_SET\":{\"keys\":{\"alpha\":22}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_ADD\":{\"keys\":{\"delta\":0,\"zulu\":6}}}", "{\"KV_ADD_RSP\":{\"st\":1}}");
        expect("{\"KV_KEYS\":{}}", "{\"KV_KEYS_RSP\":{\"st\":1,\"keys\":[\"delta\",\"alpha\",\"charlie\",\"bravo\",\"echo\",\"zulu\"]}}");
        expect("{\"KV_RMV\":{\"keys\":[\"alpha\"]}}", "{\"KV_RMV_RSP\":{\"st\":1}}");
        expect("{\"KV_KEYS\":{}}", "{\"KV_KEYS_RSP\":{\"st\":1,\"keys\":[\"delta\",\"zulu\",\"charlie\",\"bravo\",\"echo\"]}}");
        expect("{\"KV_RMV\":{\"keys\":[\"delta\",\"echo\"]}}", "{\"KV_RMV_RSP\":{\"st\":1}}");
        expect("{\"KV_SET\":{\"keys\":{\"alpha\":1}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_KEYS\":{}}", "{\"KV_KEYS_RSP\":{\"st\":1,\"keys\":[\"bravo\",\"zulu\",\"charlie\",\"alpha\"]}}");
        expect("{\"KV_FIND\":{\"path\":\"$\",\"rsp\":\"keys\"}}", "{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[\"bravo\",\"zulu\",\"charlie\",\"alpha\"]}}");
        expect("{\"KV_CLEAR_SET\":{\"keys\":{\"y\":1,\"x\":2}}}", "{\"KV_CLEAR_SET_RSP\":{\"st\":1,\"cnt\":4}}");
        expect("{\"KV_KEYS\":{}}", "{\"KV_KEYS_RSP\":{\"st\":1,\"keys\":[\"y\",\"x\"]}}");
    }

    @Test
    void clearSetReplacesEverythingAndCountsRemovedKeys() throws Exception {
        expect("{\"KV_SET\":{\"keys\":{\"a\":1,\"b\":2}}}", "{\"KV_SET_RSP\":{\"st\":1}}");
        expect("{\"KV_CLEAR_SET\":{\"keys\":{\"b\":20,\"c\":30}}}", "{\"KV_CLEAR_SET_RSP\":{\"st\":1,\"cnt\":2}}");
        expect("{\"KV_GET\":{\"keys\":[\"a\",\"b\",\"c\"]}}", "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"b\":20,\"c\":30}}}");
        expect("{\"KV_CLEAR_SET\":{\"keys\":{}}}", "{\"KV_CLEAR_SET_RSP\":{\"st\":1,\"cnt\":2}}");
        expect("{\"KV_COUNT\":{}}", "{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":0}}");
    }

    @Test
    void repliesComeInRequestOrderUnderPipelining() throws Exception {
        int requests = 1000;
        for (int i = 0; i < requests; i++) {
            switch (i % 4) {
                case 0 -> client.sendText("{\"KV_SET\":{\"keys\":{\"p\":" + i + "}}}");
                case 1 -> client.sendText("{\"KV_GET\":{\"keys\":[\"p\"]}}");
                case 2 -> client.sendText("{\"KV_SETQ\":{\"keys\":{\"q\":" + i + "}}}");
                default -> client.sendText("{\"KV_COUNT\":{}}");
            }
        }
        for (int i = 0; i < requests; i++) {
            switch (i % 4) {
                case 0 -> assertReply("{\"KV_SET_RSP\":{\"st\":1}}", client.receiveText());
                case 1 -> assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"p\":" + (i - 1) + "}}}", client.receiveText());
                case 2 -> { } // KV_SETQ: no reply
                default -> assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":2}}", client.receiveText());
            }
        }
        assertNull(client.receive(200), "quiet commands must not reply");
    }
}
