package io.nemesisdb.ops;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The save on stop where no client is involved: how a final save that fails or outlasts the
 * shutdown timeout ends the process, and the first start of a server that loads what it saves.
 * Nothing here depends on the transport, so unlike {@link GracefulShutdownTest} it runs once.
 */
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

    @Test
    void withMissingOkTheFirstStartOfAServerThatSavesOnStopStartsEmpty() throws Exception {
        Map<String, String> settings = Map.of(
                "nemesis.persist.path", saveDir.toString(),
                "nemesis.load.name", "never-saved",
                "nemesis.load.missing-ok", "true");
        try (ServerProcess server = ServerProcess.start(settings);
             WsClient client = WsClient.connect(server.awaitReady())) {
            assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":0}}", client.request("{\"KV_COUNT\":{}}"));
        }
    }
}
