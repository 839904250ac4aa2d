package io.nemesisdb.persist;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.json.JsonText;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** KV_SAVE and KV_LOAD over a real WebSocket: replies, exact round trips, the 0.6.4 layout and fixtures, failures. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/kv")
class KvSaveLoadTest {

    static final Path ROOT = Path.of("target/test-persist/kv").toAbsolutePath();

    /** Values that must come back exactly: numbers beyond 64 bits, decimals, non-ASCII, escapes, the empty key. */
    static final String VALUES = "{\"big\":18446744073709551616123,\"neg\":-98765432109876543210,\"dec\":3.141592653589793238462643,"
            + "\"exp\":1.5e300,\"zero\":0.0,\"text\":\"héllo wörld ✓ 😀 中文\",\"esc\":\"q\\\"b\\\\s\\n\\t\\u0001\","
            + "\"\":\"empty key\",\"key \\\"quoted\\\"\":true,\"nothing\":null,\"obj\":{\"a\":[1,2.50,{\"b\":false}],\"c\":{}},"
            + "\"arr\":[[],\"x\",-0.0e-5]}";

    private WsClient client;

    @BeforeAll
    static void emptyPersistPath() throws Exception {
        Datasets.delete(ROOT);
    }

    @BeforeEach
    void connect() throws Exception {
        client = TestServer.connect();
        client.request("{\"KV_CLEAR\":{}}");
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    @Test
    void saveRepliesStartThenCompleteWithDuration() throws Exception {
        client.request("{\"KV_SET\":{\"keys\":{\"a\":1}}}");
        assertReply("{\"KV_SAVE_RSP\":{\"st\":120,\"name\":\"replies\"}}", client.request("{\"KV_SAVE\":{\"name\":\"replies\"}}"));
        JsonObject done = Replies.body(client.receiveText(), "KV_SAVE_RSP");
        assertEquals(121, done.getInt("st"));
        assertEquals("replies", done.getString("name"));
        assertTrue(done.getJsonNumber("duration").longValueExact() >= 0);
    }

    @Test
    void roundTripGivesBackEveryValueExactly() throws Exception {
        client.request("{\"KV_SET\":{\"keys\":" + VALUES + "}}");
        save("exact");
        client.request("{\"KV_CLEAR\":{}}");
        JsonObject loaded = Replies.body(client.request("{\"KV_LOAD\":{\"name\":\"exact\"}}"), "KV_LOAD_RSP");
        assertEquals(141, loaded.getInt("st"));
        assertEquals("exact", loaded.getString("name"));
        JsonObject expected = (JsonObject) Datasets.parseExact(VALUES);
        assertEquals(expected.size(), loaded.getInt("keys"));
        assertTrue(loaded.getJsonNumber("duration").longValueExact() >= 0);
        assertStoredExactly(expected);
    }

    @Test
    void loneSurrogatesInKeysAndValuesRoundTrip() throws Exception {
        client.request("{\"KV_SET\":{\"keys\":{\"s\\ud800\":\"x\\udc00y\\ud83d\"}}}");
        save("surrogates");
        String text = Datasets.read(Datasets.onlyDataFile(ROOT, "surrogates"));
        assertEquals("{\"keys\":{\"s\\ud800\":\"x\\udc00y\\ud83d\"}}", text);
        client.request("{\"KV_CLEAR\":{}}");
        assertEquals(141, Replies.status(client.request("{\"KV_LOAD\":{\"name\":\"surrogates\"}}"), "KV_LOAD_RSP"));
        assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"s\\ud800\":\"x\\udc00y\\ud83d\"}}}",
                client.request("{\"KV_GET\":{\"keys\":[\"s\\ud800\"]}}"));
    }

    @Test
    void savedDatasetHasThe064LayoutAndMetadata() throws Exception {
        client.request("{\"KV_SET\":{\"keys\":{\"k\":\"v\",\"n\":12345678901234567890123}}}");
        long before = System.currentTimeMillis();
        save("layout");
        long after = System.currentTimeMillis();
        Path ts = Datasets.onlySave(ROOT, "layout");
        assertTrue(ts.getFileName().toString().matches("[1-9][0-9]{18}"), ts.toString());
        long tsMillis = Long.parseLong(ts.getFileName().toString()) / 1_000_000;
        assertTrue(tsMillis >= before && tsMillis <= after, "timestamp in nanoseconds since the epoch");
        try (Stream<Path> entries = Files.list(ts)) {
            assertEquals(List.of("data", "md"), entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String md = Datasets.read(ts.resolve("md/md.json"));
        assertTrue(md.matches("\\{\"name\":\"layout\",\"version\":2,\"status\":1,\"start\":\\d+,\"complete\":\\d+,\"saveDataType\":0,"
                + java.util.regex.Pattern.quote(Datasets.dataFilesMember(ts)) + "}"), md);
        JsonObject mdObject = Replies.parse(md);
        assertTrue(mdObject.getJsonNumber("start").longValue() <= mdObject.getJsonNumber("complete").longValue());
        String data = Datasets.read(ts.resolve("data/0"));
        assertTrue(data.startsWith("{\"keys\":{") && data.endsWith("}}"), data);
        assertEquals(Datasets.parseExact("{\"keys\":{\"k\":\"v\",\"n\":12345678901234567890123}}"), Datasets.parseExact(data));
        assertTrue(data.contains("12345678901234567890123"));
    }

    @Test
    void the064KvFixtureLoadsWithEveryValueAsWritten() throws Exception {
        Datasets.copy(Datasets.fixtures("kv"), "kv_fixture", ROOT);
        JsonObject loaded = Replies.body(client.request("{\"KV_LOAD\":{\"name\":\"kv_fixture\"}}"), "KV_LOAD_RSP");
        assertEquals(141, loaded.getInt("st"));
        assertEquals(14, loaded.getInt("keys"));
        assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":14}}", client.request("{\"KV_COUNT\":{}}"));
        Path dataFile = Datasets.fixtures("kv").resolve("kv_fixture/1795364065185310039/data/0");
        JsonObject expected = ((JsonObject) Datasets.parseExact(Datasets.read(dataFile))).getJsonObject("keys");
        assertEquals(14, expected.size());
        assertStoredExactly(expected);
        String reply = client.request("{\"KV_GET\":{\"keys\":[\"big\",\"pi\",\"unicode\",\"\"]}}");
        assertTrue(reply.contains("\"big\":18446744073709551615"), reply);
        assertTrue(reply.contains("\"pi\":3.14159"), reply);
        assertTrue(reply.contains("\"unicode\":\"héllo wörld ✓ 😀\""), reply);
        assertTrue(reply.contains("\"\":\"empty key name\""), reply);
    }

    @Test
    void loadOverwritesKeysOfTheSameNameAndKeepsOthers() throws Exception {
        client.request("{\"KV_SET\":{\"keys\":{\"same\":\"saved\",\"onlySaved\":1}}}");
        save("merge");
        client.request("{\"KV_CLEAR_SET\":{\"keys\":{\"same\":\"live\",\"onlyLive\":2}}}");
        assertEquals(141, Replies.status(client.request("{\"KV_LOAD\":{\"name\":\"merge\"}}"), "KV_LOAD_RSP"));
        assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"same\":\"saved\",\"onlySaved\":1,\"onlyLive\":2}}}",
                client.request("{\"KV_GET\":{\"keys\":[\"same\",\"onlySaved\",\"onlyLive\"]}}"));
    }

    @Test
    void emptyKeySpaceSavesAndLoads() throws Exception {
        save("empty");
        assertEquals("{\"keys\":{}}", Datasets.read(Datasets.onlyDataFile(ROOT, "empty")));
        client.request("{\"KV_SET\":{\"keys\":{\"kept\":1}}}");
        assertReply("{\"KV_LOAD_RSP\":{\"st\":141,\"name\":\"empty\",\"keys\":0,\"duration\":0}}",
                withoutDuration(client.request("{\"KV_LOAD\":{\"name\":\"empty\"}}")));
        assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":1}}", client.request("{\"KV_COUNT\":{}}"));
    }

    @Test
    void loadReadsTheNewestSave() throws Exception {
        client.request("{\"KV_SET\":{\"keys\":{\"v\":1}}}");
        save("newest");
        client.request("{\"KV_SET\":{\"keys\":{\"v\":2}}}");
        save("newest");
        client.request("{\"KV_SET\":{\"keys\":{\"v\":3}}}");
        client.request("{\"KV_LOAD\":{\"name\":\"newest\"}}");
        assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"v\":2}}}", client.request("{\"KV_GET\":{\"keys\":[\"v\"]}}"));
    }

    @Test
    void incompleteSavesAreIgnoredAndOnlyIncompleteIs142() throws Exception {
        client.request("{\"KV_SET\":{\"keys\":{\"v\":\"complete\"}}}");
        save("partial");
        Path complete = Datasets.onlySave(ROOT, "partial");
        Path newer = ROOT.resolve("partial").resolve(Long.toString(Long.parseLong(complete.getFileName().toString()) + 1));
        Files.createDirectories(newer.resolve("md"));
        Files.createDirectories(newer.resolve("data"));
        Files.writeString(newer.resolve("md/md.json"),
                "{\"name\":\"partial\",\"version\":2,\"status\":0,\"start\":1,\"complete\":0,\"saveDataType\":0}");
        Files.writeString(newer.resolve("data/0"), "{\"keys\":{\"v\":\"pending\"}}");
        Path newest = ROOT.resolve("partial").resolve(Long.toString(Long.parseLong(complete.getFileName().toString()) + 2));
        Files.createDirectories(newest.resolve("data"));
        Files.writeString(newest.resolve("data/0"), "{\"keys\":{\"v\":\"no md\"}}");
        client.request("{\"KV_CLEAR\":{}}");
        assertEquals(141, Replies.status(client.request("{\"KV_LOAD\":{\"name\":\"partial\"}}"), "KV_LOAD_RSP"));
        assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"v\":\"complete\"}}}", client.request("{\"KV_GET\":{\"keys\":[\"v\"]}}"));

        Datasets.delete(complete);
        client.request("{\"KV_CLEAR\":{}}");
        assertLoadFails("partial");
    }

    @Test
    void missingDatasetIs142() throws Exception {
        assertLoadFails("never-saved");
    }

    @Test
    void datasetOfSessionsModeIs142AndLoadsNothing() throws Exception {
        Datasets.copy(Datasets.fixtures("sessions"), "sessions_fixture", ROOT);
        assertLoadFails("sessions_fixture");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"keys\":{\"a\":1,\"b\":", "{\"keys\":{\"a\":1}} x", "{\"keys\":[1]}", "{\"keys\":{},\"other\":1}",
            "[]", "", "{\"keys\":{\"a\":tru}}", "{\"keys\":{\"a\":\"\\ud800\"}"})
    void corruptDataFileIs142AndChangesNothing(String content) throws Exception {
        client.request("{\"KV_SET\":{\"keys\":{\"a\":\"saved\",\"b\":2}}}");
        save("corrupt");
        Files.writeString(Datasets.onlyDataFile(ROOT, "corrupt"), content);
        client.request("{\"KV_SET\":{\"keys\":{\"a\":\"live\"}}}");
        assertLoadFails("corrupt");
        Datasets.delete(ROOT.resolve("corrupt"));
    }

    @Test
    void invalidBytesInADataFileAre142() throws Exception {
        client.request("{\"KV_SET\":{\"keys\":{\"a\":\"saved\"}}}");
        save("bytes");
        Path file = Datasets.onlyDataFile(ROOT, "bytes");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 4] = (byte) 0xC3;
        Files.write(file, bytes);
        assertLoadFails("bytes");
    }

    @Test
    void corruptMetadataMakesTheSaveIncomplete() throws Exception {
        client.request("{\"KV_SET\":{\"keys\":{\"a\":1}}}");
        save("badmd");
        Files.writeString(Datasets.onlySave(ROOT, "badmd").resolve("md/md.json"), "{\"name\":\"badmd\",\"vers");
        assertLoadFails("badmd");
    }

    @Test
    void unreadableMetadataOfTheNewestSaveIs142InsteadOfAnOlderSave() throws Exception {
        client.request("{\"KV_SET\":{\"keys\":{\"v\":\"old\"}}}");
        save("unreadable");
        client.request("{\"KV_SET\":{\"keys\":{\"v\":\"new\"}}}");
        save("unreadable");
        List<Path> saves = Datasets.saves(ROOT, "unreadable");
        Path newest = saves.get(saves.size() - 1).resolve("md/md.json");
        Files.delete(newest);
        Files.createDirectory(newest);
        assertLoadFails("unreadable");
    }

    @Test
    void gapInDataFileNumbersIs142() throws Exception {
        client.request("{\"KV_SET\":{\"keys\":{\"a\":1}}}");
        save("gap");
        Path ts = Datasets.onlySave(ROOT, "gap");
        Files.writeString(ts.resolve("data/2"), "{\"keys\":{\"b\":2}}");
        assertLoadFails("gap");
    }

    @ParameterizedTest
    @EnumSource(DamagedDatasets.Damage.class)
    void aDataFileMissingAlteredOrAddedAfterTheSaveIs142AndLoadsNothing(DamagedDatasets.Damage damage) throws Exception {
        String name = "damaged-" + damage.name().toLowerCase(java.util.Locale.ROOT);
        Path ts = DamagedDatasets.saveInThreeFiles(ROOT, name, DamagedDatasets.kvSnapshot());
        JsonObject intact = Replies.body(client.request("{\"KV_LOAD\":{\"name\":\"" + name + "\"}}"), "KV_LOAD_RSP");
        assertEquals(141, intact.getInt("st"), intact::toString);
        assertEquals(DamagedDatasets.KV_KEYS, intact.getInt("keys"));
        client.request("{\"KV_CLEAR_SET\":{\"keys\":{\"live\":1,\"key-00\":\"live\"}}}");

        damage.apply(ts, DataFormat.KV);
        String message = assertLoadFails(name).getString("m");
        assertTrue(message.contains(damage.reason()), message);
        Datasets.delete(ROOT.resolve(name));
    }

    @Test
    void fileWhereTheNameDirectoryShouldBeIs122Alone() throws Exception {
        Files.createDirectories(ROOT);
        Files.writeString(ROOT.resolve("blocked"), "not a directory");
        client.request("{\"KV_SET\":{\"keys\":{\"a\":1}}}");
        JsonObject reply = Replies.body(client.request("{\"KV_SAVE\":{\"name\":\"blocked\"}}"), "KV_SAVE_RSP");
        assertEquals(122, reply.getInt("st"));
        assertEquals("blocked", reply.getString("name"));
        assertNull(client.receive(300), "122 is the only reply");
        assertEquals("not a directory", Files.readString(ROOT.resolve("blocked")));
        assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":1}}", client.request("{\"KV_COUNT\":{}}"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../x", "a/b", "/tmp/x", "..", ".", "a\\\\b", "x\\u0000", "sp ace", "é", "..\\/..\\/etc",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void namesOutsideTheRuleAre41AndTouchNothing(String name) throws Exception {
        Files.createDirectories(ROOT);
        List<Path> before = listing(ROOT.getParent());
        client.request("{\"KV_SET\":{\"keys\":{\"a\":1}}}");
        assertReply("{\"KV_SAVE_RSP\":{\"st\":41}}", client.request("{\"KV_SAVE\":{\"name\":\"" + name + "\"}}"));
        assertReply("{\"KV_LOAD_RSP\":{\"st\":41}}", client.request("{\"KV_LOAD\":{\"name\":\"" + name + "\"}}"));
        assertNull(client.receive(200), "no second reply");
        assertEquals(before, listing(ROOT.getParent()));
    }

    @Test
    void longestAllowedNameIsAccepted() throws Exception {
        String name = "A-z_0." + "n".repeat(122);
        assertEquals(128, name.length());
        save(name);
        assertEquals(141, Replies.status(client.request("{\"KV_LOAD\":{\"name\":\"" + name + "\"}}"), "KV_LOAD_RSP"));
    }

    @Test
    void emptyNameIs42MissingIs26WrongTypeIs41() throws Exception {
        for (String command : List.of("KV_SAVE", "KV_LOAD")) {
            String rsp = command + "_RSP";
            assertReply("{\"" + rsp + "\":{\"st\":42}}", client.request("{\"" + command + "\":{\"name\":\"\"}}"));
            assertReply("{\"" + rsp + "\":{\"st\":26}}", client.request("{\"" + command + "\":{}}"));
            assertReply("{\"" + rsp + "\":{\"st\":41}}", client.request("{\"" + command + "\":{\"name\":5}}"));
            assertReply("{\"" + rsp + "\":{\"st\":41}}", client.request("{\"" + command + "\":{\"name\":[\"a\"]}}"));
        }
        assertNull(client.receive(200));
    }

    @Test
    void sessionCommandsDoNotExistInKvMode() throws Exception {
        assertReply("{\"SH_SAVE_RSP\":{\"st\":10}}", client.request("{\"SH_SAVE\":{\"name\":\"x\"}}"));
        assertReply("{\"SH_LOAD_RSP\":{\"st\":10}}", client.request("{\"SH_LOAD\":{\"name\":\"x\"}}"));
    }

    // ---------------------------------------------------------------------------------------------

    private void save(String name) throws Exception {
        assertReply("{\"KV_SAVE_RSP\":{\"st\":120,\"name\":\"" + name + "\"}}", client.request("{\"KV_SAVE\":{\"name\":\"" + name + "\"}}"));
        assertEquals(121, Replies.status(client.receiveText(), "KV_SAVE_RSP"));
    }

    /** Asserts 142 with the name, and that the key space is exactly as before; returns the reply. */
    private JsonObject assertLoadFails(String name) throws Exception {
        String before = sortedContent();
        JsonObject reply = Replies.body(client.request("{\"KV_LOAD\":{\"name\":\"" + name + "\"}}"), "KV_LOAD_RSP");
        assertEquals(142, reply.getInt("st"), reply::toString);
        assertEquals(name, reply.getString("name"));
        assertEquals(before, sortedContent());
        return reply;
    }

    private String sortedContent() throws Exception {
        JsonObject keys = Replies.body(client.request("{\"KV_KEYS\":{}}"), "KV_KEYS_RSP");
        StringBuilder get = new StringBuilder("{\"KV_GET\":{\"keys\":");
        get.append(JsonText.toJson(keys.getJsonArray("keys")));
        JsonObject values = (JsonObject) ((JsonObject) ((JsonObject) Datasets.parseExact(client.request(get + "}}")))
                .get("KV_GET_RSP")).get("keys");
        StringBuilder out = new StringBuilder();
        new java.util.TreeMap<>(values).forEach((k, v) -> out.append(k).append('=').append(JsonText.toJson(v)).append('\n'));
        return out.toString();
    }

    private String getRaw(String key) throws Exception {
        StringBuilder request = new StringBuilder("{\"KV_GET\":{\"keys\":[");
        request.append(JsonText.toJson(jakarta.json.Json.createValue(key)));
        String reply = client.request(request + "]}}");
        return JsonText.toJson(((JsonObject) ((JsonObject) Datasets.parseExact(reply)).get("KV_GET_RSP")).get("keys"));
    }

    /** Asserts that every key of {@code expected} is stored with exactly the same JSON text. */
    private void assertStoredExactly(JsonObject expected) throws Exception {
        for (Map.Entry<String, JsonValue> entry : expected.entrySet()) {
            JsonObject got = (JsonObject) Datasets.parseExact(getRaw(entry.getKey()));
            assertTrue(got.containsKey(entry.getKey()), () -> "missing key " + entry.getKey());
            assertEquals(JsonText.toJson(entry.getValue()), JsonText.toJson(got.get(entry.getKey())), entry.getKey());
        }
        assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":" + expected.size() + "}}", client.request("{\"KV_COUNT\":{}}"));
    }

    private static String withoutDuration(String reply) {
        return reply.replaceAll("\"duration\":\\d+", "\"duration\":0");
    }

    private static List<Path> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.toString().contains("/kv/")).sorted().toList();
        }
    }
}
