package io.nemesisdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Starting and stopping the server as a user does: one clear line on failure, 1001 and exit 0 on SIGTERM. */
@ChildServersOnly
class ServerLaunchTest {

    @TempDir
    Path dir;

    private static void assertOneClearLine(ServerProcess server, int expectedExit, String expectedText) throws Exception {
        assertEquals(expectedExit, server.awaitExit(60));
        List<String> errors = server.stderr().stream().filter(line -> !line.startsWith("WARNING:")).toList();
        assertEquals(1, errors.size(), () -> "expected one line, got " + errors);
        assertTrue(errors.get(0).startsWith("nemesisdb: "), errors.get(0));
        assertTrue(errors.get(0).contains(expectedText), () -> errors.get(0) + " should mention " + expectedText);
    }

    @Test
    void startsWithOneLineThenStopsOnSigtermClosingClientsWith1001() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.persist.path", dir.toString()))) {
            int port = server.awaitReady();
            assertEquals(1, server.stdout().size(), () -> "one start-up line: " + server.stdout());
            assertTrue(server.stdout().get(0).contains("kv mode"), server.stdout().get(0));
            try (WsClient client = WsClient.connect(port)) {
                assertEquals(1, Replies.status(client.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
                server.terminate();
                WsClient.Frame frame = client.receive(20_000);
                assertNotNull(frame);
                assertTrue(frame.isClose(), frame::toString);
                assertEquals(1001, frame.closeCode());
            }
            assertEquals(0, server.awaitExit(60));
        }
    }

    @Test
    void aServerWithCorrectSettingsPrintsNoWarningAndCreatesAMissingPersistPathLeavingItEmpty() throws Exception {
        Path persist = dir.resolve("new/data");
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.persist.path", persist.toString()),
                Map.of("NEMESIS_SESSIONS_ENABLED", "true"))) {
            server.awaitReady();
            assertTrue(server.stdout().get(0).contains("sessions mode"), server.stdout().get(0));
            assertEquals(List.of(), server.stderr().stream().filter(line -> line.startsWith("nemesisdb:")).toList());
            assertTrue(Files.isDirectory(persist), "the persist path is created at start-up");
            try (Stream<Path> entries = Files.list(persist)) {
                assertEquals(List.of(), entries.toList(), "the write check leaves nothing behind");
            }
        }
    }

    @Test
    void configFileOf064SetsTheModeAndWithSavingDisabledThePersistPathIsNotChecked() throws Exception {
        Path config = dir.resolve("server.jsonc");
        Files.writeString(config, "// 0.6.4 style\n{\"version\":5,\"ip\":\"127.0.0.1\",\"port\":0,\"sessionsEnabled\":true,"
                + "\"maxPayload\":2048,\"persist\":{\"enabled\":false,\"path\":\"/proc/nope\"}}");
        try (ServerProcess server = ServerProcess.start(Map.of(), "--config=" + config)) {
            server.awaitReady();
            assertTrue(server.stdout().get(0).contains("sessions mode"), server.stdout().get(0));
            assertTrue(server.stdout().get(0).contains("persist disabled"), server.stdout().get(0));
        }
        assertFalse(Files.exists(Path.of("/proc/nope")));
    }

    @Test
    void configFileWithWrongTypeStopsStartUpWithOneLine() throws Exception {
        Path config = dir.resolve("bad.json");
        Files.writeString(config, "{\"sessionsEnabled\":\"yes\"}");
        try (ServerProcess server = ServerProcess.start(Map.of(), "--config=" + config)) {
            assertOneClearLine(server, 2, "'sessionsEnabled' must be true or false");
        }
    }

    @Test
    void listeningBeyondLoopbackWithoutAnAccessKeyStopsStartUpWithOneLine() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("server.host", "0.0.0.0"))) {
            assertOneClearLine(server, 2, "refusing to listen on 0.0.0.0 without an access key");
        }
    }

    @Test
    void aKeyFileThatCannotBeUsedStopsStartUpWithOneLine() throws Exception {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\":[{\"name\":\"app\",\"role\":\"root\",\"hash\":\"sha256:x:y\"}]}");
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.auth.file", keys.toString()))) {
            assertOneClearLine(server, 2, "role 'root' is not admin, readwrite or readonly");
        }
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.auth.file", dir.resolve("none.json").toString()))) {
            assertOneClearLine(server, 2, "cannot read the key file");
        }
    }

    @Test
    void missingConfigFileStopsStartUpWithOneLine() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of(), "--config=" + dir.resolve("none.json"))) {
            assertOneClearLine(server, 2, "config file " + dir.resolve("none.json") + " does not exist");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--config=", "--loadName=", "--loadPath="})
    void anEmptyOptionStopsStartUpWithOneLine(String option) throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of(), option)) {
            assertOneClearLine(server, 2, "option " + option.substring(0, option.length() - 1) + " needs a");
        }
    }

    @Test
    void helpListsTheOptionsAndEverySettingWithItsEnvironmentVariable() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of(), "--help")) {
            assertEquals(0, server.awaitExit(60));
            String help = String.join("\n", server.stdout());
            assertTrue(help.contains("--loadName=<name>"), help);
            assertTrue(help.lines().anyMatch(line -> line.matches("\\s+nemesis\\.sessions-enabled\\s+false\\s+NEMESIS_SESSIONS_ENABLED")), help);
            assertTrue(help.lines().anyMatch(line -> line.matches("\\s+server\\.port\\s+1987\\s+SERVER_PORT")), help);
        }
    }

    @Test
    void versionPrintsOneLine() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of(), "--version")) {
            assertEquals(0, server.awaitExit(60));
            assertEquals(1, server.stdout().size(), server.stdout()::toString);
            assertTrue(server.stdout().get(0).startsWith("NemesisDB "), server.stdout().get(0));
            assertTrue(server.stdout().get(0).contains("Java " + Runtime.version().feature()), server.stdout().get(0));
        }
    }

    @Test
    void misspeltSettingsFromEverySourceAreWarnedAboutOneLineEach() throws Exception {
        Path config = dir.resolve("server.json");
        Files.writeString(config, "{\"port\":0,\"sesionsEnabled\":true}");
        try (ServerProcess server = ServerProcess.start(
                Map.of("nemesis.persist.path", dir.toString(), "nemesis.max-paylod", "10"),
                Map.of("NEMESIS_SESSIONS_ENABLE", "true"), "--config=" + config)) {
            server.awaitReady();
            List<String> warnings = server.stderr().stream().filter(line -> line.startsWith("nemesisdb: warning: ")).toList();
            assertEquals(3, warnings.size(), warnings::toString);
            assertTrue(warnings.stream().anyMatch(line -> line.contains("unknown member 'sesionsEnabled'")), warnings::toString);
            assertTrue(warnings.stream().anyMatch(line -> line.contains("setting nemesis.max-paylod (")
                    && line.contains("did you mean nemesis.max-payload?")), warnings::toString);
            assertTrue(warnings.stream().anyMatch(line -> line.contains("environment variable NEMESIS_SESSIONS_ENABLE ")
                    && line.contains("did you mean NEMESIS_SESSIONS_ENABLED?")), warnings::toString);
            assertTrue(server.stdout().get(0).contains("kv mode"), server.stdout().get(0));
        }
    }

    @Test
    void badEnvironmentSettingStopsStartUpWithOneLine() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of(), Map.of("NEMESIS_MAX_PAYLOAD", "lots"))) {
            assertOneClearLine(server, 2, "nemesis.max-payload");
        }
    }

    @Test
    void anUnknownSaveRepliesSettingStopsStartUpWithOneLine() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.persist.save-replies", "three"))) {
            assertOneClearLine(server, 2, "setting nemesis.persist.save-replies is 'three', not two or one");
        }
    }

    @Test
    void aWebSocketPortInUseStopsStartUpWithOneLineNamingItsSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            try (ServerProcess server = ServerProcess.start(Map.of("server.port", String.valueOf(taken.getLocalPort())))) {
                assertOneClearLine(server, 1, "cannot start on 127.0.0.1:" + taken.getLocalPort() + ": port "
                        + taken.getLocalPort() + " is taken");
                assertTrue(server.stderr().get(0).endsWith("set server.port (SERVER_PORT) to a free port"), server.stderr()::toString);
            }
        }
    }

    @Test
    void anAdminPortInUseStopsStartUpWithOneLineNamingItsSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            try (ServerProcess server = ServerProcess.start(Map.of("nemesis.admin-port", String.valueOf(taken.getLocalPort())))) {
                assertOneClearLine(server, 1, "cannot start the admin listener on 127.0.0.1:" + taken.getLocalPort() + ": port "
                        + taken.getLocalPort() + " is taken");
                assertTrue(server.stderr().get(0).endsWith("set nemesis.admin-port (NEMESIS_ADMIN_PORT) to a free port"),
                        server.stderr()::toString);
            }
        }
    }

    @Test
    void theSamePortForBothListenersStopsStartUpWithOneLine() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (ServerProcess server = ServerProcess.start(Map.of("server.port", String.valueOf(port),
                "nemesis.admin-port", String.valueOf(port)))) {
            assertOneClearLine(server, 2, "server.port and nemesis.admin-port are both " + port);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "two words", "."})
    void aSaveOnStopNameOutsideTheRuleStopsStartUpWithOneLine(String name) throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of(
                "nemesis.persist.path", dir.toString(), "nemesis.persist.save-on-stop", name))) {
            assertOneClearLine(server, 2, "setting nemesis.persist.save-on-stop is '" + name + "': a dataset name is");
        }
    }

    @Test
    void saveOnStopWithSavingDisabledStopsStartUpWithOneLine() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.persist.enabled", "false"),
                Map.of("NEMESIS_PERSIST_SAVE_ON_STOP", "on-stop"))) {
            assertOneClearLine(server, 2, "setting nemesis.persist.save-on-stop is 'on-stop', but saving is disabled");
        }
    }

    @Test
    void aPersistPathUnderARegularFileStopsStartUpWithOneLine() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a directory");
        Path persist = file.resolve("data");
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.persist.path", persist.toString()))) {
            assertOneClearLine(server, 2, "cannot save datasets in " + persist + " (nemesis.persist.path): ");
        }
        assertEquals("not a directory", Files.readString(file));
    }

    @Test
    void aPersistPathThatCannotBeCreatedStopsStartUpWithOneLine() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.persist.path", "/proc/nope"))) {
            assertOneClearLine(server, 2, "cannot save datasets in /proc/nope (nemesis.persist.path): ");
        }
    }
}
