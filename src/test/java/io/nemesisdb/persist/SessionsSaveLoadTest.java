package io.nemesisdb.persist;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.json.JsonText;
import io.nemesisdb.session.SharedToken;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SH_SAVE and SH_LOAD over a real WebSocket: the 0.6.4 fixtures, round trips keeping tokens, sharing and expiry, failures. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/sessions")
class SessionsSaveLoadTest {

    static final Path ROOT = Path.of("target/test-persist/sessions").toAbsolutePath();
    static final String PRIVATE = "10174145519947326374";
    static final String SHARED = "15992824868599950585";
    static final String EXPIRING = "9357123568867705135";
    static final String EMPTY = "3575347280013603346";
    /** Two names with one shared token: the mask leaves 39 free bits. */
    static final String NAME = "room-551618";
    static final String COLLIDING = "room-793997";
    static final String COLLIDING_TOKEN = "5436266092968263419";

    private WsClient client;

    @BeforeAll
    static void emptyPersistPath() throws Exception {
        Datasets.delete(ROOT);
    }

    @BeforeEach
    void connect() throws Exception {
        client = TestServer.connect();
        client.request("{\"SH_END_ALL\":{}}");
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    @Test
    void the064SessionsFixtureRestoresEveryValueTokenSharingAndExpiry() throws Exception {
        Datasets.copy(Datasets.fixtures("sessions"), "sessions_fixture", ROOT);
        assertReply("{\"SH_LOAD_RSP\":{\"st\":141,\"name\":\"sessions_fixture\",\"sessions\":4,\"keys\":10}}",
                client.request("{\"SH_LOAD\":{\"name\":\"sessions_fixture\"}}"));
        assertReply("{\"SH_INFO_ALL_RSP\":{\"st\":1,\"totalSessions\":4,\"totalKeys\":10}}", client.request("{\"SH_INFO_ALL\":{}}"));
        Path data = Datasets.fixtures("sessions").resolve("sessions_fixture/1795364077972347825/data/0");
        assertSessionsExactly((JsonArray) Datasets.parseExact(Datasets.read(data)));
        assertInfo(PRIVATE, false, 4, null);
        assertInfo(SHARED, true, 3, null);
        assertInfo(EXPIRING, false, 3, "{\"duration\":3600,\"deleteSession\":false}");
        assertInfo(EMPTY, false, 0, null);
        assertReply("{\"SH_OPEN_RSP\":{\"st\":1,\"name\":\"shared1\",\"tkn\":" + SHARED + "}}",
                client.request("{\"SH_OPEN\":{\"name\":\"shared1\"}}"));
        String counter = client.request("{\"KV_GET\":{\"tkn\":" + SHARED + ",\"keys\":[\"counter\",\"ratio\"]}}");
        assertTrue(counter.contains("\"counter\":12345678901234567890,\"ratio\":0.25"), counter);
    }

    @Test
    void the064SubsetFixtureRestoresItsTwoSessions() throws Exception {
        Datasets.copy(Datasets.fixtures("sessions"), "sessions_subset", ROOT);
        assertReply("{\"SH_LOAD_RSP\":{\"st\":141,\"name\":\"sessions_subset\",\"sessions\":2,\"keys\":7}}",
                client.request("{\"SH_LOAD\":{\"name\":\"sessions_subset\"}}"));
        Path data = Datasets.fixtures("sessions").resolve("sessions_subset/1795364078377404007/data/0");
        assertSessionsExactly((JsonArray) Datasets.parseExact(Datasets.read(data)));
        assertInfo(SHARED, true, 3, null);
        assertReply("{\"SH_EXISTS_RSP\":{\"st\":1,\"exist\":[" + PRIVATE + "," + SHARED + "]}}",
                client.request("{\"SH_EXISTS\":{\"tkns\":[" + PRIVATE + "," + SHARED + "," + EXPIRING + "," + EMPTY + "]}}"));
    }

    @Test
    void loadSkipsSessionsWhoseTokenExistsAndLeavesThemAsTheyAre() throws Exception {
        Datasets.copy(Datasets.fixtures("sessions"), "sessions_fixture", ROOT);
        client.request("{\"SH_LOAD\":{\"name\":\"sessions_fixture\"}}");
        client.request("{\"KV_SET\":{\"tkn\":" + PRIVATE + ",\"keys\":{\"username\":\"changed\"}}}");
        client.request("{\"SH_END\":{\"tkn\":" + EMPTY + "}}");
        assertReply("{\"SH_LOAD_RSP\":{\"st\":141,\"name\":\"sessions_fixture\",\"sessions\":1,\"keys\":0}}",
                client.request("{\"SH_LOAD\":{\"name\":\"sessions_fixture\"}}"));
        assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"username\":\"changed\"},\"tkn\":" + PRIVATE + "}}",
                client.request("{\"KV_GET\":{\"tkn\":" + PRIVATE + ",\"keys\":[\"username\"]}}"));
    }

    @Test
    void roundTripKeepsTokensSharingExpirySettingsAndExactValues() throws Exception {
        String priv = token(client.request("{\"SH_NEW\":{\"name\":\"p\",\"expiry\":{\"duration\":7200,\"deleteSession\":true}}}"));
        String shared = token(client.request("{\"SH_NEW\":{\"name\":\"round-trip\",\"shared\":true}}"));
        String plain = token(client.request("{\"SH_NEW\":{\"name\":\"plain\"}}"));
        String values = "{\"big\":340282366920938463463374607431768211456,\"dec\":0.1000000000000000055511151231257827,"
                + "\"text\":\"ünïcödé ✓ 😀\",\"\":{\"nested\":[null,true,-1e-7]}}";
        client.request("{\"KV_SET\":{\"tkn\":" + priv + ",\"keys\":" + values + "}}");
        client.request("{\"KV_SET\":{\"tkn\":" + shared + ",\"keys\":{\"s\":\"shared\"}}}");
        save("{\"name\":\"roundtrip\"}", "roundtrip");
        Path ts = Datasets.onlySave(ROOT, "roundtrip");
        String md = Datasets.read(ts.resolve("md/md.json"));
        assertTrue(md.matches("\\{\"name\":\"roundtrip\",\"version\":2,\"status\":1,\"start\":\\d+,\"complete\":\\d+,\"saveDataType\":1,"
                + java.util.regex.Pattern.quote(Datasets.dataFilesMember(ts)) + "}"), md);
        client.request("{\"SH_END_ALL\":{}}");
        assertReply("{\"SH_LOAD_RSP\":{\"st\":141,\"name\":\"roundtrip\",\"sessions\":3,\"keys\":5}}",
                client.request("{\"SH_LOAD\":{\"name\":\"roundtrip\"}}"));
        JsonObject expected = (JsonObject) Datasets.parseExact(values);
        for (Map.Entry<String, JsonValue> entry : expected.entrySet()) {
            StringBuilder get = new StringBuilder("{\"KV_GET\":{\"tkn\":" + priv + ",\"keys\":[");
            get.append(JsonText.toJson(jakarta.json.Json.createValue(entry.getKey())));
            JsonObject got = (JsonObject) ((JsonObject) ((JsonObject) Datasets.parseExact(client.request(get + "]}}"))).get("KV_GET_RSP")).get("keys");
            assertEquals(JsonText.toJson(entry.getValue()), JsonText.toJson(got.get(entry.getKey())));
        }
        assertInfo(priv, false, 4, "{\"duration\":7200,\"deleteSession\":true}");
        assertInfo(shared, true, 1, null);
        assertInfo(plain, false, 0, null);
        assertReply("{\"SH_OPEN_RSP\":{\"st\":1,\"name\":\"round-trip\",\"tkn\":" + shared + "}}",
                client.request("{\"SH_OPEN\":{\"name\":\"round-trip\"}}"));
    }

    @Test
    void roundTripKeepsSharedNamesSoACollidingNameStillCannotReachTheSession() throws Exception {
        assertEquals(SharedToken.of(NAME), SharedToken.of(COLLIDING));
        assertEquals(COLLIDING_TOKEN, token(client.request("{\"SH_NEW\":{\"name\":\"" + NAME + "\",\"shared\":true}}")));
        client.request("{\"KV_SET\":{\"tkn\":" + COLLIDING_TOKEN + ",\"keys\":{\"k\":\"of-551618\"}}}");
        save("{\"name\":\"named\"}", "named");
        String file = Datasets.read(Datasets.onlyDataFile(ROOT, "named"));
        assertEquals("[{\"sh\":{\"tkn\":" + COLLIDING_TOKEN + ",\"shared\":true,\"name\":\"" + NAME + "\","
                + "\"expiry\":{\"duration\":0,\"deleteSession\":false}},\"keys\":{\"k\":\"of-551618\"}}]", file);
        client.request("{\"SH_END_ALL\":{}}");
        assertReply("{\"SH_LOAD_RSP\":{\"st\":141,\"name\":\"named\",\"sessions\":1,\"keys\":1}}",
                client.request("{\"SH_LOAD\":{\"name\":\"named\"}}"));

        assertReply("{\"SH_OPEN_RSP\":{\"st\":102,\"name\":\"" + COLLIDING + "\",\"tkn\":null}}",
                client.request("{\"SH_OPEN\":{\"name\":\"" + COLLIDING + "\"}}"));
        assertReply("{\"SH_NEW_RSP\":{\"st\":104,\"name\":\"" + COLLIDING + "\"}}",
                client.request("{\"SH_NEW\":{\"name\":\"" + COLLIDING + "\",\"shared\":true}}"));
        assertReply("{\"SH_OPEN_RSP\":{\"st\":1,\"name\":\"" + NAME + "\",\"tkn\":" + COLLIDING_TOKEN + "}}",
                client.request("{\"SH_OPEN\":{\"name\":\"" + NAME + "\"}}"));
        assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"k\":\"of-551618\"},\"tkn\":" + COLLIDING_TOKEN + "}}",
                client.request("{\"KV_GET\":{\"tkn\":" + COLLIDING_TOKEN + ",\"keys\":[\"k\"]}}"));
    }

    @Test
    void aSharedSessionSavedWithoutItsNameAnswersToEveryNameOfItsTokenAs064Does() throws Exception {
        client.request("{\"SH_NEW\":{\"name\":\"" + NAME + "\",\"shared\":true}}");
        save("{\"name\":\"nameless\"}", "nameless");
        Path data = Datasets.onlyDataFile(ROOT, "nameless");
        String saved = Datasets.read(data);
        // as 0.6.4 (or a build before names were kept) would have written it
        Files.writeString(data, saved.replace(",\"name\":\"" + NAME + "\"", ""));
        Datasets.withoutDataFiles(Datasets.onlySave(ROOT, "nameless"));
        client.request("{\"SH_END_ALL\":{}}");
        assertReply("{\"SH_LOAD_RSP\":{\"st\":141,\"name\":\"nameless\",\"sessions\":1,\"keys\":0}}",
                client.request("{\"SH_LOAD\":{\"name\":\"nameless\"}}"));
        assertReply("{\"SH_OPEN_RSP\":{\"st\":1,\"name\":\"" + COLLIDING + "\",\"tkn\":" + COLLIDING_TOKEN + "}}",
                client.request("{\"SH_OPEN\":{\"name\":\"" + COLLIDING + "\"}}"));
        assertReply("{\"SH_OPEN_RSP\":{\"st\":1,\"name\":\"" + NAME + "\",\"tkn\":" + COLLIDING_TOKEN + "}}",
                client.request("{\"SH_OPEN\":{\"name\":\"" + NAME + "\"}}"));
        save("{\"name\":\"nameless-again\"}", "nameless-again");
        assertFalse(Datasets.read(Datasets.onlyDataFile(ROOT, "nameless-again")).contains("\"name\""), "no name is invented");
    }

    @Test
    void aSavedNameThatDoesNotDeriveItsTokenIs142AndRestoresNothing() throws Exception {
        client.request("{\"SH_NEW\":{\"name\":\"" + NAME + "\",\"shared\":true}}");
        client.request("{\"SH_NEW\":{\"name\":\"other\"}}");
        save("{\"name\":\"misnamed\"}", "misnamed");
        Path data = Datasets.onlyDataFile(ROOT, "misnamed");
        Files.writeString(data, Datasets.read(data).replace("\"name\":\"" + NAME + "\"", "\"name\":\"room-1\""));
        Datasets.withoutDataFiles(Datasets.onlySave(ROOT, "misnamed")); // so that the name, not the checksum, fails it
        client.request("{\"SH_END_ALL\":{}}");
        assertLoadFails("misnamed");
    }

    @Test
    void saveWithTokensSavesOnlyThoseAndSkipsUnknownOnes() throws Exception {
        String a = token(client.request("{\"SH_NEW\":{\"name\":\"a\"}}"));
        String b = token(client.request("{\"SH_NEW\":{\"name\":\"b\"}}"));
        token(client.request("{\"SH_NEW\":{\"name\":\"c\"}}"));
        client.request("{\"KV_SET\":{\"tkn\":" + a + ",\"keys\":{\"k\":1}}}");
        save("{\"name\":\"chosen\",\"tkns\":[" + a + ",\"" + b + "\",12345]}", "chosen");
        JsonArray saved = (JsonArray) Datasets.parseExact(Datasets.read(Datasets.onlyDataFile(ROOT, "chosen")));
        assertEquals(2, saved.size());
        assertEquals(a, JsonText.toJson(saved.getJsonObject(0).getJsonObject("sh").get("tkn")));
        assertEquals(b, JsonText.toJson(saved.getJsonObject(1).getJsonObject("sh").get("tkn")));
        client.request("{\"SH_END_ALL\":{}}");
        assertReply("{\"SH_LOAD_RSP\":{\"st\":141,\"name\":\"chosen\",\"sessions\":2,\"keys\":1}}",
                client.request("{\"SH_LOAD\":{\"name\":\"chosen\"}}"));
    }

    @Test
    void noSessionsSavesAndLoadsAnEmptyDataset() throws Exception {
        save("{\"name\":\"nothing\"}", "nothing");
        assertEquals("[]", Datasets.read(Datasets.onlyDataFile(ROOT, "nothing")));
        assertReply("{\"SH_LOAD_RSP\":{\"st\":141,\"name\":\"nothing\",\"sessions\":0,\"keys\":0}}",
                client.request("{\"SH_LOAD\":{\"name\":\"nothing\"}}"));
    }

    @Test
    void tokensParameterIsChecked() throws Exception {
        assertReply("{\"SH_SAVE_RSP\":{\"st\":42}}", client.request("{\"SH_SAVE\":{\"name\":\"t\",\"tkns\":[]}}"));
        assertReply("{\"SH_SAVE_RSP\":{\"st\":41}}", client.request("{\"SH_SAVE\":{\"name\":\"t\",\"tkns\":\"1\"}}"));
        for (String bad : List.of("\"abc\"", "1.5", "-1", "18446744073709551616", "null", "[1]", "1e3")) {
            assertReply("{\"SH_SAVE_RSP\":{\"st\":41}}", client.request("{\"SH_SAVE\":{\"name\":\"t\",\"tkns\":[1," + bad + "]}}"));
        }
        assertNull(client.receive(200), "no save started");
        assertFalse(Files.exists(ROOT.resolve("t")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"../x", "a/b", "/tmp/x", "..", "."})
    void namesOutsideTheRuleAre41(String name) throws Exception {
        assertReply("{\"SH_SAVE_RSP\":{\"st\":41}}", client.request("{\"SH_SAVE\":{\"name\":\"" + name + "\"}}"));
        assertReply("{\"SH_LOAD_RSP\":{\"st\":41}}", client.request("{\"SH_LOAD\":{\"name\":\"" + name + "\"}}"));
        assertReply("{\"SH_SAVE_RSP\":{\"st\":42}}", client.request("{\"SH_SAVE\":{\"name\":\"\"}}"));
        assertReply("{\"SH_LOAD_RSP\":{\"st\":42}}", client.request("{\"SH_LOAD\":{\"name\":\"\"}}"));
        assertNull(client.receive(200));
    }

    @Test
    void datasetOfKvModeIs142() throws Exception {
        Datasets.copy(Datasets.fixtures("kv"), "kv_fixture", ROOT);
        assertLoadFails("kv_fixture");
    }

    @Test
    void corruptDatasetIs142AndRestoresNothing() throws Exception {
        Datasets.copy(Datasets.fixtures("sessions"), "sessions_fixture", ROOT);
        Path data = ROOT.resolve("sessions_fixture/1795364077972347825/data/0");
        String text = Datasets.read(data);
        // the last session is broken: the first three must not be restored either
        Files.writeString(data, text.replace("{\"sh\":{\"tkn\":3575347280013603346", "{\"sh\":{\"tkn\":\"x\""));
        assertLoadFails("sessions_fixture");
        Datasets.delete(ROOT.resolve("sessions_fixture"));
    }

    @ParameterizedTest
    @EnumSource(DamagedDatasets.Damage.class)
    void aDataFileMissingAlteredOrAddedAfterTheSaveIs142AndRestoresNothing(DamagedDatasets.Damage damage) throws Exception {
        String name = "damaged-" + damage.name().toLowerCase(java.util.Locale.ROOT);
        Path ts = DamagedDatasets.saveInThreeFiles(ROOT, name, DamagedDatasets.sessionsSnapshot());
        assertReply("{\"SH_LOAD_RSP\":{\"st\":141,\"name\":\"" + name + "\",\"sessions\":" + DamagedDatasets.SESSIONS
                        + ",\"keys\":" + DamagedDatasets.SESSIONS * DamagedDatasets.KEYS_PER_SESSION + "}}",
                client.request("{\"SH_LOAD\":{\"name\":\"" + name + "\"}}"));
        client.request("{\"SH_END_ALL\":{}}");
        client.request("{\"SH_NEW\":{\"name\":\"live\"}}");

        damage.apply(ts, DataFormat.SESSIONS);
        String message = assertLoadFails(name).getString("m");
        assertTrue(message.contains(damage.reason()), message);
        Datasets.delete(ROOT.resolve(name));
    }

    @Test
    void kvCommandsOfKvModeDoNotExist() throws Exception {
        assertReply("{\"KV_SAVE_RSP\":{\"st\":10}}", client.request("{\"KV_SAVE\":{\"name\":\"x\"}}"));
        assertReply("{\"KV_LOAD_RSP\":{\"st\":10}}", client.request("{\"KV_LOAD\":{\"name\":\"x\"}}"));
    }

    // ---------------------------------------------------------------------------------------------

    private void save(String body, String name) throws Exception {
        assertReply("{\"SH_SAVE_RSP\":{\"st\":120,\"name\":\"" + name + "\"}}", client.request("{\"SH_SAVE\":" + body + "}"));
        JsonObject done = Replies.body(client.receiveText(), "SH_SAVE_RSP");
        assertEquals(121, done.getInt("st"));
        assertEquals(name, done.getString("name"));
        assertTrue(done.getJsonNumber("duration").longValueExact() >= 0);
    }

    /** Asserts 142 with the name, and that no session was added; returns the reply. */
    private JsonObject assertLoadFails(String name) throws Exception {
        String before = client.request("{\"SH_INFO_ALL\":{}}");
        JsonObject reply = Replies.body(client.request("{\"SH_LOAD\":{\"name\":\"" + name + "\"}}"), "SH_LOAD_RSP");
        assertEquals(142, reply.getInt("st"), reply::toString);
        assertEquals(name, reply.getString("name"));
        assertEquals(before, client.request("{\"SH_INFO_ALL\":{}}"));
        return reply;
    }

    private static String token(String reply) {
        String body = reply.substring(reply.indexOf("\"tkn\":") + 6);
        return body.substring(0, body.indexOf('}'));
    }

    /** Asserts that every session of a data file's array is stored with exactly the same values. */
    private void assertSessionsExactly(JsonArray sessions) throws Exception {
        for (JsonValue item : sessions) {
            JsonObject session = (JsonObject) item;
            String tkn = JsonText.toJson(session.getJsonObject("sh").get("tkn"));
            JsonObject keys = session.getJsonObject("keys");
            StringBuilder get = new StringBuilder("{\"KV_GET\":{\"tkn\":" + tkn + ",\"keys\":");
            get.append(JsonText.toJson(jakarta.json.Json.createArrayBuilder(keys.keySet()).build()));
            JsonObject reply = (JsonObject) ((JsonObject) Datasets.parseExact(client.request(get + "}}"))).get("KV_GET_RSP");
            JsonObject got = (JsonObject) reply.get("keys");
            assertEquals(keys.size(), got.size(), tkn);
            for (Map.Entry<String, JsonValue> entry : keys.entrySet()) {
                assertEquals(JsonText.toJson(entry.getValue()), JsonText.toJson(got.get(entry.getKey())), tkn + " " + entry.getKey());
            }
        }
    }

    private void assertInfo(String tkn, boolean shared, int keys, String expiry) throws Exception {
        JsonObject info = Replies.body(client.request("{\"SH_INFO\":{\"tkn\":" + tkn + "}}"), "SH_INFO_RSP");
        assertEquals(1, info.getInt("st"), info::toString);
        assertEquals(tkn, info.getJsonNumber("tkn").bigIntegerValue().toString());
        assertEquals(shared, info.getBoolean("shared"));
        assertEquals(keys, info.getInt("keyCnt"));
        assertEquals(expiry != null, info.getBoolean("expires"));
        if (expiry != null) {
            JsonObject expected = Replies.parse(expiry);
            JsonObject got = info.getJsonObject("expiry");
            assertEquals(expected.getJsonNumber("duration"), got.getJsonNumber("duration"));
            assertEquals(expected.getBoolean("deleteSession"), got.getBoolean("deleteSession"));
            long remaining = got.getJsonNumber("remaining").longValue();
            long duration = expected.getJsonNumber("duration").longValue();
            assertTrue(remaining > duration - 60 && remaining <= duration, "expiry restarts at load: " + remaining);
        }
    }
}
