package io.nemesisdb.persist;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A save that fills the disk: 123 with the cause, the server keeps serving, the earlier dataset
 * stays loadable and the failed save leaves nothing behind. Needs a small file system, so it
 * mounts a 4 MiB tmpfs, which only root can do; elsewhere it is skipped.
 */
@ChildServersOnly
// its tests one after the other: they mount their file system on the one folder
@ResourceLock("DiskFullTest")
class DiskFullTest {

    static final Path MOUNT = Path.of("target/child-servers/disk-full-" + ProcessHandle.current().pid()).toAbsolutePath();

    private boolean mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", MOUNT.toString());
        }
    }

    @Test
    void aSaveThatFillsTheDiskIs123AndDamagesNothing() throws Exception {
        mountTmpfs("4m");
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.persist.path", MOUNT.toString()))) {
            try (WsClient client = WsClient.connect(server.awaitReady())) {
                client.request("{\"KV_SET\":{\"keys\":{\"small\":\"before\"}}}");
                assertReply("{\"KV_SAVE_RSP\":{\"st\":120,\"name\":\"small\"}}", client.request("{\"KV_SAVE\":{\"name\":\"small\"}}"));
                assertEquals(121, Replies.status(client.receiveText(), "KV_SAVE_RSP"));

                storeKilobyteValues(client, 8);
                assertReply("{\"KV_SAVE_RSP\":{\"st\":120,\"name\":\"big\"}}", client.request("{\"KV_SAVE\":{\"name\":\"big\"}}"));
                JsonObject failed = Replies.body(client.receiveText(), "KV_SAVE_RSP");
                assertEquals(123, failed.getInt("st"), failed::toString);
                assertEquals("big", failed.getString("name"));
                assertTrue(failed.getString("m").contains("No space left on device"), failed::toString);

                assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":8001}}", client.request("{\"KV_COUNT\":{}}"));
                client.request("{\"KV_SET\":{\"keys\":{\"small\":\"after\"}}}");
                assertEquals(141, Replies.status(client.request("{\"KV_LOAD\":{\"name\":\"small\"}}"), "KV_LOAD_RSP"));
                assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"small\":\"before\"}}}", client.request("{\"KV_GET\":{\"keys\":[\"small\"]}}"));
                try (Stream<Path> left = Files.list(MOUNT.resolve("big"))) {
                    assertEquals(List.of(), left.toList(), "the failed save leaves nothing behind");
                }
            }
            assertTrue(server.log().contains("save of 'big' failed"), server::log);
        }
    }

    @Test
    void withOneSaveReplyAFullDiskIs123AsTheOnlyReply() throws Exception {
        mountTmpfs("1m");
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.persist.path", MOUNT.toString(),
                "nemesis.persist.save-replies", "one"))) {
            try (WsClient client = WsClient.connect(server.awaitReady())) {
                storeKilobyteValues(client, 3);
                JsonObject failed = Replies.body(client.request("{\"KV_SAVE\":{\"name\":\"big\"}}"), "KV_SAVE_RSP");
                assertEquals(123, failed.getInt("st"), failed::toString);
                assertEquals("big", failed.getString("name"));
                assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":3000}}", client.request("{\"KV_COUNT\":{}}"));
            }
        }
    }

    private void mountTmpfs(String size) throws Exception {
        Files.createDirectories(MOUNT);
        mounted = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", MOUNT.toString()) == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (not root?)");
    }

    /** Stores {@code batches} × 1,000 keys of 1,000-byte values with quiet sets. */
    private static void storeKilobyteValues(WsClient client, int batches) throws Exception {
        String pad = "x".repeat(1000);
        for (int batch = 0; batch < batches; batch++) {
            StringBuilder set = new StringBuilder("{\"KV_SETQ\":{\"keys\":{");
            for (int i = 0; i < 1000; i++) {
                set.append(i == 0 ? "" : ",").append("\"k").append(batch).append('-').append(i).append("\":\"").append(pad).append('"');
            }
            client.sendText(set.append("}}}").toString());
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
