package io.nemesisdb.persist;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/** With persistence disabled a save is 14 and writes nothing; loading still works. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.persist.enabled", value = "false")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/disabled")
class PersistDisabledTest {

    static final Path ROOT = Path.of("target/test-persist/disabled").toAbsolutePath();

    @Test
    void saveIs14AndLoadStillWorks() throws Exception {
        Datasets.delete(ROOT);
        Datasets.copy(Datasets.fixtures("kv"), "kv_fixture", ROOT);
        try (WsClient client = TestServer.connect()) {
            client.request("{\"KV_SET\":{\"keys\":{\"a\":1}}}");
            assertReply("{\"KV_SAVE_RSP\":{\"st\":14}}", client.request("{\"KV_SAVE\":{\"name\":\"off\"}}"));
            assertNull(client.receive(300), "14 is the only reply");
            assertFalse(Files.exists(ROOT.resolve("off")));
            assertEquals(141, Replies.status(client.request("{\"KV_LOAD\":{\"name\":\"kv_fixture\"}}"), "KV_LOAD_RSP"));
            assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":15}}", client.request("{\"KV_COUNT\":{}}"));
        }
    }
}
