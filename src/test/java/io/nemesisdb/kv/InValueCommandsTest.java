package io.nemesisdb.kv;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.CommandCore;
import io.nemesisdb.support.ConcurrentClients;
import io.nemesisdb.support.Replies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** KV_UPDATE, KV_FIND and KV_ARR_APPEND sent to the command core in KV mode, with the documented examples. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class InValueCommandsTest {

    private CommandCore client;

    @BeforeEach
    void connectToAnEmptyServer() throws Exception {
        client = CommandCore.connect();
        client.request("{\"KV_CLEAR\":{}}");
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    private static String example(String name) throws IOException {
        try (InputStream in = InValueCommandsTest.class.getResourceAsStream("/examples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void set(String keysObject) throws IOException {
        assertReply("{\"KV_SET_RSP\":{\"st\":1}}", client.request("{\"KV_SET\":{\"keys\":" + keysObject + "}}"));
    }

    private void assertValue(String key, String expectedJson) throws IOException {
        assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"" + key + "\":" + expectedJson + "}}}",
                client.request("{\"KV_GET\":{\"keys\":[\"" + key + "\"]}}"));
    }

    // ---- rejected requests: each changes nothing and gets its documented status

    static Stream<Arguments> rejectedRequests() {
        return Stream.of(
                rejected("find: invalid query", "{\"KV_FIND\":{\"rsp\":\"keys\",\"path\":\"$[?@.a ==]\"}}", "{\"KV_FIND_RSP\":{\"st\":4}}"),
                rejected("find: ill-typed function", "{\"KV_FIND\":{\"rsp\":\"keys\",\"path\":\"$[?length(@.*) > 1]\"}}", "{\"KV_FIND_RSP\":{\"st\":4}}"),
                rejected("find: unknown rsp", "{\"KV_FIND\":{\"rsp\":\"values\",\"path\":\"$\"}}", "{\"KV_FIND_RSP\":{\"st\":13}}"),
                rejected("find: empty path", "{\"KV_FIND\":{\"rsp\":\"keys\",\"path\":\"\"}}", "{\"KV_FIND_RSP\":{\"st\":42}}"),
                rejected("find: no rsp", "{\"KV_FIND\":{\"path\":\"$\"}}", "{\"KV_FIND_RSP\":{\"st\":26}}"),
                rejected("find: keys not an array", "{\"KV_FIND\":{\"rsp\":\"keys\",\"path\":\"$\",\"keys\":\"a\"}}", "{\"KV_FIND_RSP\":{\"st\":41}}"),
                rejected("update: no key", "{\"KV_UPDATE\":{\"/a\":2}}", "{\"KV_UPDATE_RSP\":{\"st\":26}}"),
                rejected("update: key not a string", "{\"KV_UPDATE\":{\"key\":5,\"/a\":2}}", "{\"KV_UPDATE_RSP\":{\"st\":41}}"),
                rejected("update: neither pointer nor path", "{\"KV_UPDATE\":{\"key\":\"k\"}}", "{\"KV_UPDATE_RSP\":{\"st\":26}}"),
                rejected("update: path without value", "{\"KV_UPDATE\":{\"key\":\"k\",\"path\":\"$.a\"}}", "{\"KV_UPDATE_RSP\":{\"st\":26}}"),
                rejected("update: pointer and path together", "{\"KV_UPDATE\":{\"key\":\"k\",\"path\":\"$.a\",\"value\":1,\"/a\":2}}", "{\"KV_UPDATE_RSP\":{\"st\":41}}"),
                rejected("update: invalid path before absent key", "{\"KV_UPDATE\":{\"key\":\"absent\",\"path\":\"$[\",\"value\":1}}", "{\"KV_UPDATE_RSP\":{\"st\":4,\"key\":\"absent\",\"cnt\":0}}"),
                rejected("update: invalid pointer escape", "{\"KV_UPDATE\":{\"key\":\"k\",\"/a~2\":1}}", "{\"KV_UPDATE_RSP\":{\"st\":4,\"key\":\"k\",\"cnt\":0}}"),
                rejected("update: absent key", "{\"KV_UPDATE\":{\"key\":\"absent\",\"/a\":1}}", "{\"KV_UPDATE_RSP\":{\"st\":22,\"key\":\"absent\",\"cnt\":0}}"),
                rejected("update: pointer into a scalar", "{\"KV_UPDATE\":{\"key\":\"k\",\"/a/b\":1}}", "{\"KV_UPDATE_RSP\":{\"st\":5,\"key\":\"k\",\"cnt\":0}}"),
                rejected("update: array index with leading zero", "{\"KV_UPDATE\":{\"key\":\"arr\",\"/00\":1}}", "{\"KV_UPDATE_RSP\":{\"st\":5,\"key\":\"arr\",\"cnt\":0}}"),
                rejected("update: index out of range", "{\"KV_UPDATE\":{\"key\":\"arr\",\"/1\":1}}", "{\"KV_UPDATE_RSP\":{\"st\":5,\"key\":\"arr\",\"cnt\":0}}"),
                rejected("append: absent key", "{\"KV_ARR_APPEND\":{\"key\":\"absent\",\"items\":[1]}}", "{\"KV_ARR_APPEND_RSP\":{\"st\":22}}"),
                rejected("append: value not an array", "{\"KV_ARR_APPEND\":{\"key\":\"num\",\"items\":[1]}}", "{\"KV_ARR_APPEND_RSP\":{\"st\":41}}"),
                rejected("append: object without name", "{\"KV_ARR_APPEND\":{\"key\":\"obj\",\"items\":[1]}}", "{\"KV_ARR_APPEND_RSP\":{\"st\":41}}"),
                rejected("append: member not an array", "{\"KV_ARR_APPEND\":{\"key\":\"obj\",\"name\":\"teams\",\"items\":[1]}}", "{\"KV_ARR_APPEND_RSP\":{\"st\":41}}"),
                rejected("append: member absent", "{\"KV_ARR_APPEND\":{\"key\":\"obj\",\"name\":\"missing\",\"items\":[1]}}", "{\"KV_ARR_APPEND_RSP\":{\"st\":41}}"),
                rejected("append: name on an array value", "{\"KV_ARR_APPEND\":{\"key\":\"arr\",\"name\":\"x\",\"items\":[1]}}", "{\"KV_ARR_APPEND_RSP\":{\"st\":41}}"),
                rejected("append: items not an array", "{\"KV_ARR_APPEND\":{\"key\":\"arr\",\"items\":{}}}", "{\"KV_ARR_APPEND_RSP\":{\"st\":41}}"),
                rejected("append: no items", "{\"KV_ARR_APPEND\":{\"key\":\"arr\"}}", "{\"KV_ARR_APPEND_RSP\":{\"st\":26}}"));
    }

    private static Arguments rejected(String description, String request, String reply) {
        return Arguments.of(description, request, reply);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedRequests")
    void rejectedRequestChangesNothing(String description, String request, String expectedReply) throws Exception {
        String data = "{\"k\":{\"a\":1},\"obj\":{\"teams\":\"not an array\"},\"arr\":[1],\"num\":3}";
        set(data);
        assertReply(expectedReply, client.request(request));
        assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":" + data + "}}",
                client.request("{\"KV_GET\":{\"keys\":[\"k\",\"obj\",\"arr\",\"num\"]}}"));
    }

    // ---- KV_FIND: the examples of 0.6.4's documentation

    @Test
    void findDevicesExamples() throws Exception {
        set(example("kv-find-devices.json"));

        assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[\"Devices\"]}}",
                client.request("{\"KV_FIND\":{\"rsp\":\"keys\",\"path\":\"$[?(@.make == 'Samsung')]\"}}"));
        assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[\"Devices\"]}}",
                client.request("{\"KV_FIND\":{\"rsp\":\"keys\",\"path\":\"$[?(@.make == 'Apple' && @.model == 'iPhone 14')]\"}}"));
        assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[]}}",
                client.request("{\"KV_FIND\":{\"rsp\":\"keys\",\"path\":\"$[?(@.make == 'Apple' && @.model == 'iPhone 11')]\"}}"));
        assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"paths\":[\"$[1]\"]}}",
                client.request("{\"KV_FIND\":{\"rsp\":\"paths\",\"path\":\"$[?(@.sensors.length >= 3)]\"}}"));
    }

    @Test
    void findLoginsExamplesRestrictedToOneKey() throws Exception {
        String logins = example("kv-find-logins.json");
        set(logins);
        String loginsValid = Replies.parse(logins).getJsonArray("loginsValid").toString();

        assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"paths\":[\"$[1]\",\"$[2]\"]}}", client.request(
                "{\"KV_FIND\":{\"rsp\":\"paths\",\"keys\":[\"loginsValid\"],\"path\":\"$[?(@.timestamp > 1234 && @.timestamp < 1238)]\"}}"));
        assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":{\"loginsValid\":" + loginsValid + "}}}", client.request(
                "{\"KV_FIND\":{\"rsp\":\"kv\",\"keys\":[\"loginsValid\"],\"path\":\"$[?(@.timestamp > 1234 && @.timestamp < 1238)]\"}}"));
    }

    @Test
    void findKeepsDuplicatesAndSearchesOnlyExistingRequestedKeys() throws Exception {
        set("{\"a\":[5,6],\"b\":[7]}");
        assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"paths\":[\"$[0]\",\"$[0]\",\"$[1]\"]}}",
                client.request("{\"KV_FIND\":{\"rsp\":\"paths\",\"keys\":[\"a\",\"nope\",3,\"a\"],\"path\":\"$[0,0,1]\"}}"));
    }

    @Test
    void catastrophicRegexSpendsTheBudgetAndOtherClientsAreServedMeanwhile() throws Exception {
        set("{\"s\":[\"" + "a".repeat(40) + "!\"]}");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            client.sendText("{\"KV_FIND\":{\"rsp\":\"keys\",\"path\":\"$[?match(@, '((a+)+)+b')]\"}}");
            try (CommandCore other = CommandCore.connect()) {
                assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":1}}", other.request("{\"KV_COUNT\":{}}"));
            }
            assertReply("{\"KV_FIND_RSP\":{\"st\":17}}", client.receiveText());
        });
    }

    // ---- the examples of the protocol reference (src/site/markdown/protocol.md)

    @Test
    void protocolReferenceFindExamples() throws Exception {
        set("{\"shop1\":[{\"make\":\"Apple\",\"model\":\"15\",\"sensors\":[\"gyro\"]},"
                + "{\"make\":\"Samsung\",\"model\":\"S24\",\"sensors\":[\"gyro\",\"accel\",\"baro\"]}],"
                + "\"shop2\":[{\"make\":\"Apple\",\"model\":\"15 Pro\",\"sensors\":[\"gyro\",\"accel\",\"lidar\"]}],"
                + "\"shop3\":[{\"make\":\"Samsung\",\"model\":\"A15\",\"sensors\":[\"accel\"]}]}");

        assertEquals(List.of("shop1", "shop3"), sortedStrings(
                client.request("{\"KV_FIND\":{\"path\":\"$[?(@.make == 'Samsung')]\",\"rsp\":\"keys\"}}"), "keys"));
        assertEquals(List.of("$[0]", "$[1]"), sortedStrings(
                client.request("{\"KV_FIND\":{\"path\":\"$[?(@.make == 'Samsung')]\",\"rsp\":\"paths\"}}"), "paths"));
        assertEquals(List.of("$[0]['model']", "$[1]['model']"), sortedStrings(
                client.request("{\"KV_FIND\":{\"path\":\"$[?(@.make == 'Samsung')].model\",\"rsp\":\"paths\"}}"), "paths"));
        assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":{\"shop2\":[{\"make\":\"Apple\",\"model\":\"15 Pro\",\"sensors\":[\"gyro\",\"accel\",\"lidar\"]}]}}}",
                client.request("{\"KV_FIND\":{\"path\":\"$[?(@.sensors.length >= 3)]\",\"rsp\":\"kv\",\"keys\":[\"shop2\",\"shop3\"]}}"));
        assertReply("{\"KV_FIND_RSP\":{\"st\":4}}", client.request("{\"KV_FIND\":{\"path\":\"$[?(@.make ==\",\"rsp\":\"keys\"}}"));
    }

    private static List<String> sortedStrings(String reply, String member) {
        return Replies.body(reply, "KV_FIND_RSP").getJsonArray(member).getValuesAs(jakarta.json.JsonString::getString)
                .stream().sorted().toList();
    }

    @Test
    void protocolReferenceUpdateAndAppendExamples() throws Exception {
        set("{\"member\":{\"name\":\"Ann\",\"access\":[{\"level\":1,\"permit\":true},{\"level\":3,\"permit\":true},{\"level\":5,\"permit\":true}]},"
                + "\"tags\":[\"a\"],\"profile\":{\"langs\":[\"en\"],\"city\":\"Paris\"},"
                + "\"user\":{\"username\":\"Potato\",\"email\":\"spud@email.com\",\"avatar\":\"img1.png\"},"
                + "\"access\":[{\"Reports\":true},{\"Admin\":false}]}");

        assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"member\",\"cnt\":2}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"member\",\"path\":\"$.access[?(@.level > 2)].permit\",\"value\":false}}"));
        assertValue("member", "{\"name\":\"Ann\",\"access\":[{\"level\":1,\"permit\":true},{\"level\":3,\"permit\":false},{\"level\":5,\"permit\":false}]}");
        assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"member\",\"cnt\":0}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"member\",\"path\":\"$.access[?(@.level > 9)].permit\",\"value\":false}}"));
        assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"user\",\"cnt\":2}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"user\",\"/avatar\":\"img3.png\",\"/email\":\"potato@email.com\"}}"));
        assertReply("{\"KV_UPDATE_RSP\":{\"st\":5,\"key\":\"access\",\"cnt\":0}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"access\",\"/2\":{\"Audit\":true}}}"));
        assertReply("{\"KV_UPDATE_RSP\":{\"st\":4,\"key\":\"user\",\"cnt\":0}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"user\",\"/a~2\":1}}"));

        assertReply("{\"KV_ARR_APPEND_RSP\":{\"st\":1}}", client.request("{\"KV_ARR_APPEND\":{\"key\":\"tags\",\"items\":[\"b\",\"c\"]}}"));
        assertReply("{\"KV_ARR_APPEND_RSP\":{\"st\":1}}",
                client.request("{\"KV_ARR_APPEND\":{\"key\":\"profile\",\"name\":\"langs\",\"items\":[\"fr\"]}}"));
        assertValue("profile", "{\"langs\":[\"en\",\"fr\"],\"city\":\"Paris\"}");
        assertValue("tags", "[\"a\",\"b\",\"c\"]");
        assertReply("{\"KV_ARR_APPEND_RSP\":{\"st\":41}}",
                client.request("{\"KV_ARR_APPEND\":{\"key\":\"profile\",\"name\":\"city\",\"items\":[\"Lyon\"]}}"));
    }

    // ---- KV_UPDATE: the seed's examples and 0.6.4's form

    @Test
    void updateSeedExamples() throws Exception {
        set("{\"user\":{\"username\":\"Potato\",\"email\":\"spud@email.com\",\"avatar\":\"img1.png\"},"
                + "\"access\":[{\"Reports\":true},{\"Admin\":false}]}");

        assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"user\",\"cnt\":1}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"user\",\"/avatar\":\"img2.png\"}}"));
        assertValue("user", "{\"username\":\"Potato\",\"email\":\"spud@email.com\",\"avatar\":\"img2.png\"}");

        assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"access\",\"cnt\":1}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"access\",\"/1\":{\"Admin\":true}}}"));
        assertValue("access", "[{\"Reports\":true},{\"Admin\":true}]");

        set("{\"access\":{\"Reports\":true,\"Admin\":false}}");
        assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"access\",\"cnt\":1}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"access\",\"/Admin\":true}}"));
        assertValue("access", "{\"Reports\":true,\"Admin\":true}");
    }

    @Test
    void updateSeveralPointersInOrderAndTheWholeValue() throws Exception {
        set("{\"k\":{\"a/b\":1,\"m~n\":2,\"list\":[1,2,3]}}");
        assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"k\",\"cnt\":3}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"k\",\"/a~1b\":10,\"/m~0n\":20,\"/list/2\":30}}"));
        assertValue("k", "{\"a/b\":10,\"m~n\":20,\"list\":[1,2,30]}");

        assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"k\",\"cnt\":1}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"k\",\"\":\"replaced\"}}"));
        assertValue("k", "\"replaced\"");
    }

    @Test
    void updateWithOneBadPointerChangesNothing() throws Exception {
        set("{\"k\":{\"a\":1,\"list\":[1,2]}}");
        assertReply("{\"KV_UPDATE_RSP\":{\"st\":5,\"key\":\"k\",\"cnt\":0}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"k\",\"/a\":2,\"/list/-\":3}}"));
        assertValue("k", "{\"a\":1,\"list\":[1,2]}");

        assertReply("{\"KV_UPDATE_RSP\":{\"st\":4,\"key\":\"k\",\"cnt\":0}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"k\",\"/a\":2,\"/b~2\":3}}"));
        assertValue("k", "{\"a\":1,\"list\":[1,2]}");
    }

    @Test
    void updateByJsonPathReplacesEverySelectedNode() throws Exception {
        set("{\"user\":{\"access\":[{\"level\":1,\"permit\":true},{\"level\":3,\"permit\":true},{\"level\":5,\"permit\":true}]}}");
        assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"user\",\"cnt\":2}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"user\",\"path\":\"$.access[?(@.level > 2)].permit\",\"value\":false}}"));
        assertValue("user", "{\"access\":[{\"level\":1,\"permit\":true},{\"level\":3,\"permit\":false},{\"level\":5,\"permit\":false}]}");

        assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"user\",\"cnt\":0}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"user\",\"path\":\"$.nothing\",\"value\":1}}"));
    }

    // ---- KV_ARR_APPEND: 0.6.4's examples and its errors

    @Test
    void arrayAppendExamples() throws Exception {
        set("{\"user:1234:roles\":[\"Admin\",\"Reporter\"],\"profile\":{\"teams\":[\"Warriors\",\"Legends\"]}}");

        assertReply("{\"KV_ARR_APPEND_RSP\":{\"st\":1}}",
                client.request("{\"KV_ARR_APPEND\":{\"key\":\"user:1234:roles\",\"items\":[\"Developer\",\"Tester\"]}}"));
        assertValue("user:1234:roles", "[\"Admin\",\"Reporter\",\"Developer\",\"Tester\"]");

        assertReply("{\"KV_ARR_APPEND_RSP\":{\"st\":1}}",
                client.request("{\"KV_ARR_APPEND\":{\"key\":\"profile\",\"name\":\"teams\",\"items\":[\"Saracens\"]}}"));
        assertValue("profile", "{\"teams\":[\"Warriors\",\"Legends\",\"Saracens\"]}");
    }

    private static final int CLIENTS = 4;
    private static final int REQUESTS_PER_CLIENT = 50;

    @Test
    void parallelClientsAppendingToOneKeyLoseNothing() throws Exception {
        set("{\"log\":[]}");
        inParallel((own, id, i) -> assertReply("{\"KV_ARR_APPEND_RSP\":{\"st\":1}}",
                own.request("{\"KV_ARR_APPEND\":{\"key\":\"log\",\"items\":[" + id + "]}}")));

        String reply = client.request("{\"KV_FIND\":{\"rsp\":\"paths\",\"keys\":[\"log\"],\"path\":\"$[*]\"}}");
        assertEquals(CLIENTS * REQUESTS_PER_CLIENT, Replies.body(reply, "KV_FIND_RSP").getJsonArray("paths").size());
    }

    @Test
    void parallelClientsUpdatingMembersOfOneKeyLoseNothing() throws Exception {
        set("{\"doc\":{\"c0\":0,\"c1\":0,\"c2\":0,\"c3\":0}}");
        inParallel((own, id, i) -> assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"doc\",\"cnt\":1}}",
                own.request("{\"KV_UPDATE\":{\"key\":\"doc\",\"/c" + id + "\":" + (i + 1) + "}}")));

        int last = REQUESTS_PER_CLIENT;
        assertValue("doc", "{\"c0\":" + last + ",\"c1\":" + last + ",\"c2\":" + last + ",\"c3\":" + last + "}");
    }

    private interface ClientRequest {
        void send(CommandCore own, int clientId, int requestIndex) throws Exception;
    }

    /** Runs REQUESTS_PER_CLIENT requests on each of CLIENTS connections at once. */
    private static void inParallel(ClientRequest request) throws Exception {
        List<Callable<Void>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int id = c;
            clients.add(() -> {
                try (CommandCore own = CommandCore.connect()) {
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        request.send(own, id, i);
                    }
                }
                return null;
            });
        }
        ConcurrentClients.runAll(Duration.ofSeconds(120), clients);
    }
}
