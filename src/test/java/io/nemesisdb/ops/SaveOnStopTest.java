package io.nemesisdb.ops;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The save on stop: how a final save that fails or outlasts the shutdown timeout ends the process,
 * and what a server saves on SIGTERM or Ctrl-C is what the next one loads. Nothing here depends on
 * the transport, so unlike {@link GracefulShutdownTest} it runs once.
 */
@ChildServersOnly
class SaveOnStopTest {

    private static final int EXIT_WAIT_SECONDS = 60;

    @TempDir
    Path saveDir;

    @TempDir
    Path beanArchive;

    @TempDir
    Path persistDir;

    @Test
    void aFinalSaveThatOutlastsTheShutdownTimeoutEndsTheProcessWithStatus1() throws Exception {
        Map<String, String> settings = Map.of(
                "nemesis.persist.path", persistDir.toString(),
                "nemesis.persist.save-on-stop", "on-stop",
                "nemesis.shutdown-timeout", "1",
                HeldFinalSave.DIRECTORY_PROPERTY, saveDir.toString());
        try (ServerProcess server = ServerProcess.start(HeldFinalSave.beanArchive(beanArchive), settings, Map.of())) {
            server.awaitReady();
            server.terminate();
            assertEquals(1, server.awaitExit(EXIT_WAIT_SECONDS), () -> String.valueOf(server.stderr()));
            assertTrue(Files.exists(saveDir.resolve("started")));
            assertFalse(Files.exists(saveDir.resolve("saved")));
        }
    }

    @Test
    void aFinalSaveThatFailsLogsOneLineSayingWhyAndEndsTheProcessWithStatus1() throws Exception {
        Path persist = Files.createDirectories(saveDir.resolve("data"));
        Map<String, String> settings = Map.of(
                "nemesis.persist.path", persist.toString(),
                "nemesis.persist.save-on-stop", "on-stop");
        try (ServerProcess server = ServerProcess.start(settings)) {
            server.awaitReady();
            Files.delete(persist);
            Files.writeString(persist, "a file where the persist path was");
            server.terminate();
            assertEquals(1, server.awaitExit(EXIT_WAIT_SECONDS), () -> String.valueOf(server.stderr()));
            List<String> failure = server.stderr().stream().filter(line -> line.contains("saving dataset on-stop failed")).toList();
            assertEquals(1, failure.size(), () -> String.valueOf(server.stderr()));
            assertTrue(failure.get(0).contains(persist.resolve("on-stop").toString()), failure.get(0));
            List<String> trace = server.stderr().stream().filter(line -> line.startsWith("\tat ") || line.contains("Exception")).toList();
            assertEquals(List.of(), trace, "no stack trace");
        }
    }

    // one chain of servers on one persist path, each starting with what the one before saved on stop
    @Test
    void aServerSavesOnSigtermAndOnCtrlCWhatTheNextOneLoadsAndWithMissingOkTheFirstStartsEmpty() throws Exception {
        String keys = "{\"a\":1,\"b\":{\"c\":[true,null,\"é\"]},\"big\":123456789012345678901234567890}";
        Map<String, String> settings = Map.of(
                "nemesis.persist.path", saveDir.toString(),
                "nemesis.persist.save-on-stop", "on-stop",
                "nemesis.load.name", "on-stop",
                "nemesis.load.missing-ok", "true");
        try (ServerProcess server = ServerProcess.start(settings);
             WsClient client = WsClient.connect(server.awaitReady())) {
            assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":0}}", client.request("{\"KV_COUNT\":{}}"));
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}", client.request("{\"KV_SET\":{\"keys\":" + keys + "}}"));
            server.terminate();
            assertEquals(1001, client.awaitClose(20_000), () -> String.valueOf(server.stderr()));
            assertEquals(0, server.awaitExit(EXIT_WAIT_SECONDS), () -> String.valueOf(server.stderr()));
            assertLogsInOrder(server.stderr(), "shutdown on SIGTERM (at most 25 s): not ready any more",
                    "shutdown: running commands finished", "shutdown: 1 client connection closed with 1001",
                    "shutdown: saving dataset on-stop", "shutdown: dataset on-stop saved", "shutdown complete after ");
        }
        try (ServerProcess server = ServerProcess.start(settings);
             WsClient client = WsClient.connect(server.awaitReady())) {
            assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":" + keys + "}}",
                    client.request("{\"KV_GET\":{\"keys\":[\"a\",\"b\",\"big\"]}}"));
            assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":3}}", client.request("{\"KV_COUNT\":{}}"));
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}", client.request("{\"KV_SET\":{\"keys\":{\"d\":4}}}"));
            server.interrupt();
            assertEquals(1001, client.awaitClose(20_000), () -> String.valueOf(server.stderr()));
            assertEquals(0, server.awaitExit(EXIT_WAIT_SECONDS), () -> String.valueOf(server.stderr()));
            assertLogsInOrder(server.stderr(), "loading 'on-stop' from " + saveDir + " at start-up",
                    "loaded 'on-stop' from " + saveDir + " at start-up: 3 keys, ");
            assertLogsInOrder(server.stderr(), "shutdown on SIGINT", "shutdown: dataset on-stop saved", "shutdown complete after ");
        }
        GracefulShutdownTest.assertSavedKeys(settings, 4);
    }

    /** Each of {@code expected} is part of a line of {@code lines}, in this order. */
    private static void assertLogsInOrder(List<String> lines, String... expected) {
        int from = 0;
        for (String part : expected) {
            int found = -1;
            for (int i = from; i < lines.size() && found < 0; i++) {
                found = lines.get(i).contains(part) ? i : -1;
            }
            assertTrue(found >= 0, () -> "'" + part + "' not logged (in this order) in " + lines);
            from = found + 1;
        }
    }
}
