package io.nemesisdb.ops;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.nemesisdb.support.AdminClient;
import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.PrometheusText;
import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a server in its own JVM, with {@link HeldFinalSave} as the final save, where clients
 * are connected: what each transport does with them while the server stops. What is saved on
 * stop and loaded again, which does not depend on the transport, is {@link SaveOnStopTest}.
 */
@ChildServersOnly
@TransportTest
class GracefulShutdownTest {

    private static final int EXIT_WAIT_SECONDS = 60;

    @TempDir
    Path saveDir;

    @TempDir
    Path beanArchive;

    @TempDir
    Path persistDir;

    private List<Path> finalSaveBean() throws IOException, URISyntaxException {
        return HeldFinalSave.beanArchive(beanArchive);
    }

    private static WsClient.Frame awaitFrame(WsClient client) throws IOException {
        WsClient.Frame frame = client.receive(20_000);
        assertNotNull(frame, "nothing received");
        return frame;
    }

    private void awaitFile(String name, ServerProcess server) throws InterruptedException {
        for (int i = 0; i < 1000 && !Files.exists(saveDir.resolve(name)); i++) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(saveDir.resolve(name)), () -> name + " never appeared: " + server.stderr());
    }

    @Test
    void duringTheFinalSaveTheServerIsNotReadyRefusesClientsAndExits0OnceSaved() throws Exception {
        Map<String, String> settings = Map.of(
                "nemesis.persist.path", persistDir.toString(),
                "nemesis.persist.save-on-stop", "on-stop",
                HeldFinalSave.DIRECTORY_PROPERTY, saveDir.toString());
        try (ServerProcess server = ServerProcess.start(finalSaveBean(), settings, Map.of());
             WsClient client = WsClient.connect(server.awaitReady())) {
            assertEquals(200, AdminClient.get(server.adminPort(), "/health/ready").status());
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}", client.request("{\"KV_SET\":{\"keys\":{\"a\":1,\"b\":2,\"c\":3}}}"));

            server.terminate();
            WsClient.Frame frame = awaitFrame(client);
            assertTrue(frame.isClose(), () -> "expected close, got " + frame);
            assertEquals(1001, frame.closeCode());
            awaitFile("started", server);

            AdminClient.Response ready = AdminClient.get(server.adminPort(), "/health/ready");
            assertEquals(503, ready.status());
            assertTrue(ready.body().contains("\"stopping\":true"), ready.body());
            assertEquals(200, AdminClient.get(server.adminPort(), "/health/live").status());
            try (WsClient late = WsClient.connect(server.awaitReady())) {
                WsClient.Frame refused = awaitFrame(late);
                assertTrue(refused.isClose(), () -> "expected close, got " + refused);
                assertEquals(1001, refused.closeCode());
            }

            Files.writeString(saveDir.resolve("release"), "");
            assertEquals(0, server.awaitExit(EXIT_WAIT_SECONDS), () -> String.valueOf(server.stderr()));
            assertEquals("on-stop 3", Files.readString(saveDir.resolve("saved")));
        }
    }

    // Expensive commands run on the query threads, not on their connection's thread; the shutdown
    // must still wait for them to reply before it closes the connections.
    @Test
    void anExpensiveCommandRunningAtShutdownRepliesBeforeTheConnectionIsClosed() throws Exception {
        // long enough to be seen running by a first, slow scrape of /metrics on a busy machine
        Map<String, String> settings = Map.of("nemesis.query.budget-ms", "8000");
        try (ServerProcess server = ServerProcess.start(settings);
             WsClient client = WsClient.connect(server.awaitReady())) {
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}",
                    client.request("{\"KV_SET\":{\"keys\":{\"s\":[\"" + "a".repeat(40) + "!\"]}}}"));
            client.sendText("{\"KV_FIND\":{\"rsp\":\"keys\",\"path\":\"$[?match(@, '((a+)+)+b')]\"}}");
            awaitExpensiveCommandRunning(server);

            server.terminate();
            WsClient.Frame reply = awaitFrame(client);
            assertTrue(reply.isText(), () -> "expected the KV_FIND reply, got " + reply);
            assertReply("{\"KV_FIND_RSP\":{\"st\":17}}", reply.text());
            WsClient.Frame close = awaitFrame(client);
            assertTrue(close.isClose(), () -> "expected close, got " + close);
            assertEquals(1001, close.closeCode());
            assertEquals(0, server.awaitExit(EXIT_WAIT_SECONDS), () -> String.valueOf(server.stderr()));
        }
    }

    private static void awaitExpensiveCommandRunning(ServerProcess server) throws Exception {
        for (int i = 0; i < 500; i++) {
            String metrics = AdminClient.get(server.adminPort(), "/metrics").body();
            if (PrometheusText.value(metrics, "nemesis_expensive_running") == 1) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the KV_FIND was never seen running");
    }

    @Test
    void aClientThatReadsNothingKeepsNeitherTheSaveOnStopNorTheExitWaiting() throws Exception {
        Map<String, String> settings = Map.of(
                "nemesis.persist.path", saveDir.toString(),
                "nemesis.persist.save-on-stop", "on-stop",
                "nemesis.load.name", "on-stop",
                "nemesis.load.missing-ok", "true",
                "nemesis.shutdown-timeout", "10");
        try (ServerProcess server = ServerProcess.start(settings);
             WsClient slow = WsClient.connect(server.awaitReady(), 8192)) {
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}", slow.request("{\"KV_SET\":{\"keys\":{\"big\":\"" + "x".repeat(512 * 1024) + "\"}}}"));
            String[] gets = new String[200];
            java.util.Arrays.fill(gets, "{\"KV_GET\":{\"keys\":[\"big\"]}}");
            slow.sendPipelined(gets);
            Thread.sleep(1000); // its replies back up: the server cannot write to it
            server.terminate();
            assertEquals(0, server.awaitExit(EXIT_WAIT_SECONDS), () -> String.valueOf(server.stderr()));
        }
        assertSavedKeys(settings, 1);
    }

    /** A fresh server started with {@code settings} loads the dataset saved on stop, holding {@code count} keys. */
    static void assertSavedKeys(Map<String, String> settings, int count) throws Exception {
        try (ServerProcess server = ServerProcess.start(settings);
             WsClient client = WsClient.connect(server.awaitReady())) {
            assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":" + count + "}}", client.request("{\"KV_COUNT\":{}}"));
        }
    }
}
