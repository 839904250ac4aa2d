package io.nemesisdb.persist;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Start-up load with {@code --loadName}/{@code --loadPath} and the settings: success, empty datasets, and failures that stop the server. */
@ChildServersOnly
class StartupLoadTest {

    static final Path WORK = Path.of("target/child-servers/startup").toAbsolutePath();

    @BeforeAll
    static void clean() throws Exception {
        Datasets.delete(WORK);
    }

    @Test
    void the064KvFixtureLoadsAtStartUpWithTheLaunchOptions() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of(), "--loadName", "kv_fixture", "--loadPath=" + Datasets.fixtures("kv"))) {
            int port = server.awaitReady();
            String log = server.log();
            assertTrue(log.contains("loading 'kv_fixture' from " + Datasets.fixtures("kv") + " at start-up"), log);
            assertTrue(Pattern.compile("loaded 'kv_fixture' from .* at start-up: 14 keys, [0-9.]+ MB in [0-9.]+ s \\([0-9]+ MB/s\\)")
                    .matcher(log).find(), log);
            try (WsClient client = WsClient.connect(port)) {
                assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":14}}", client.request("{\"KV_COUNT\":{}}"));
                assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"big\":18446744073709551615}}}",
                        client.request("{\"KV_GET\":{\"keys\":[\"big\"]}}"));
            }
        }
    }

    @Test
    void the064SessionsFixtureLoadsAtStartUpFromThePersistPathByDefault() throws Exception {
        Path persist = WORK.resolve("sessions-data");
        Datasets.copy(Datasets.fixtures("sessions"), "sessions_fixture", persist);
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.sessions-enabled", "true",
                "nemesis.persist.path", persist.toString(), "nemesis.load.name", "sessions_fixture"))) {
            try (WsClient client = WsClient.connect(server.awaitReady())) {
                assertReply("{\"SH_INFO_ALL_RSP\":{\"st\":1,\"totalSessions\":4,\"totalKeys\":10}}", client.request("{\"SH_INFO_ALL\":{}}"));
                assertReply("{\"SH_OPEN_RSP\":{\"st\":1,\"name\":\"shared1\",\"tkn\":15992824868599950585}}",
                        client.request("{\"SH_OPEN\":{\"name\":\"shared1\"}}"));
            }
        }
    }

    @Test
    void anEmptyDatasetLoadsAtStartUp() throws Exception {
        Path ts = WORK.resolve("empty-data/empty/1795364065185310039");
        Files.createDirectories(ts.resolve("md"));
        Files.createDirectories(ts.resolve("data"));
        Files.writeString(ts.resolve("md/md.json"),
                "{\"name\":\"empty\",\"version\":2,\"status\":1,\"start\":1,\"complete\":2,\"saveDataType\":0}");
        Files.writeString(ts.resolve("data/0"), "{\"keys\":{}}");
        try (ServerProcess server = ServerProcess.start(Map.of(), "--loadName=empty", "--loadPath", WORK.resolve("empty-data").toString())) {
            try (WsClient client = WsClient.connect(server.awaitReady())) {
                assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":0}}", client.request("{\"KV_COUNT\":{}}"));
            }
        }
    }

    @Test
    void aMissingDatasetStopsTheServerWithOneLine() throws Exception {
        assertStartUpFails(Map.of(), List.of("--loadName", "nope", "--loadPath", Datasets.fixtures("kv").toString()),
                "nemesisdb: cannot load 'nope' at start-up: no dataset named 'nope'");
    }

    @Test
    void aDatasetOfTheOtherModeStopsTheServer() throws Exception {
        assertStartUpFails(Map.of(), List.of("--loadName", "sessions_fixture", "--loadPath", Datasets.fixtures("sessions").toString()),
                "nemesisdb: cannot load 'sessions_fixture' at start-up: dataset 'sessions_fixture'");
    }

    @Test
    void aCorruptDatasetStopsTheServer() throws Exception {
        Path persist = WORK.resolve("corrupt-data");
        Datasets.copy(Datasets.fixtures("kv"), "kv_fixture", persist);
        Files.writeString(persist.resolve("kv_fixture/1795364065185310039/data/0"), "{ \"keys\":{\"a\":");
        assertStartUpFails(Map.of("nemesis.persist.path", persist.toString(), "nemesis.load.name", "kv_fixture"), List.of(),
                "nemesisdb: cannot load 'kv_fixture' at start-up: data file ");
    }

    @Test
    void aKvDatasetMissingItsLastDataFileStopsTheServerEvenWithMissingOk() throws Exception {
        Path persist = WORK.resolve("missing-file-data");
        Path ts = DamagedDatasets.saveInThreeFiles(persist, "three", DamagedDatasets.kvSnapshot());
        DamagedDatasets.Damage.MISSING_LAST_FILE.apply(ts, DataFormat.KV);
        assertStartUpFails(Map.of("nemesis.persist.path", persist.toString(), "nemesis.load.name", "three", "nemesis.load.missing-ok", "true"),
                List.of(), "nemesisdb: cannot load 'three' at start-up: data file " + DamagedDatasets.dataFile(ts, 2) + " is missing");
    }

    @Test
    void withMissingOkADatasetWhoseMetadataIsAlteredStopsTheServerInsteadOfPassingForNeverSaved() throws Exception {
        Path persist = WORK.resolve("altered-md-data");
        Path ts = DamagedDatasets.saveInThreeFiles(persist, "three", DamagedDatasets.kvSnapshot());
        DamagedDatasets.Damage.ALTERED_CHECKS.apply(ts, DataFormat.KV);
        assertStartUpFails(Map.of("nemesis.persist.path", persist.toString(), "nemesis.load.name", "three", "nemesis.load.missing-ok", "true"),
                List.of(), "nemesisdb: cannot load 'three' at start-up: " + ts.resolve("md/md.json") + " has an invalid \"dataFiles\"");
    }

    @Test
    void aSessionsDatasetWithAnAlteredDataFileStopsTheServer() throws Exception {
        Path persist = WORK.resolve("flipped-data");
        Path ts = DamagedDatasets.saveInThreeFiles(persist, "three", DamagedDatasets.sessionsSnapshot());
        DamagedDatasets.Damage.FLIPPED_BIT.apply(ts, DataFormat.SESSIONS);
        assertStartUpFails(Map.of("nemesis.sessions-enabled", "true", "nemesis.persist.path", persist.toString(), "nemesis.load.name", "three"),
                List.of(), "nemesisdb: cannot load 'three' at start-up: data file " + DamagedDatasets.dataFile(ts, 1) + " is not the one saved");
    }

    @Test
    void aNameOutsideTheRuleStopsTheServer() throws Exception {
        assertStartUpFails(Map.of(), List.of("--loadName", "../kv", "--loadPath", Datasets.fixtures("kv").toString()),
                "nemesisdb: cannot load '../kv' at start-up: a dataset name is");
    }

    private static void assertStartUpFails(Map<String, String> properties, List<String> args, String expectedStart) throws Exception {
        try (ServerProcess server = ServerProcess.start(properties, args.toArray(String[]::new))) {
            int status = server.awaitExit(120);
            assertNotEquals(0, status);
            // besides the log of the load's progress
            List<String> lines = server.stderr().stream().filter(l -> !l.isBlank() && !l.contains(" INFO io.nemesisdb.")).toList();
            assertEquals(1, lines.size(), () -> "one line expected: " + lines);
            assertTrue(lines.get(0).startsWith(expectedStart), lines.get(0));
        }
    }
}
