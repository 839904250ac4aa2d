package io.nemesisdb.persist;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code nemesis.persist.save-replies=one}, as NemesisDB's 0.6.5+ clients read saves: the outcome
 * is a save's only reply (121 when durable, or the error), and what was saved is the same.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/one-reply")
@AddConfig(key = "nemesis.persist.save-replies", value = "one")
class OneSaveReplyTest {

    static final Path ROOT = Path.of("target/test-persist/one-reply").toAbsolutePath();

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
    void aDurableSaveRepliesOnly121WithItsDuration() throws Exception {
        client.request("{\"KV_SET\":{\"keys\":{\"a\":1,\"b\":\"two\"}}}");
        JsonObject done = Replies.body(client.request("{\"KV_SAVE\":{\"name\":\"once\"}}"), "KV_SAVE_RSP");
        assertEquals(121, done.getInt("st"), done::toString);
        assertEquals("once", done.getString("name"));
        assertTrue(done.getJsonNumber("duration").longValueExact() >= 0);
        assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":2}}", client.request("{\"KV_COUNT\":{}}"));
        assertNull(client.receive(200), "121 is the only reply");

        client.request("{\"KV_CLEAR\":{}}");
        assertEquals(141, Replies.status(client.request("{\"KV_LOAD\":{\"name\":\"once\"}}"), "KV_LOAD_RSP"));
        assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"a\":1,\"b\":\"two\"}}}", client.request("{\"KV_GET\":{\"keys\":[\"a\",\"b\"]}}"));
    }

    @Test
    void aSaveWhoseDirectoryCannotBeCreatedRepliesOnly122() throws Exception {
        Files.createDirectories(ROOT);
        Files.writeString(ROOT.resolve("blocked"), "not a directory");
        client.request("{\"KV_SET\":{\"keys\":{\"a\":1}}}");
        JsonObject reply = Replies.body(client.request("{\"KV_SAVE\":{\"name\":\"blocked\"}}"), "KV_SAVE_RSP");
        assertEquals(122, reply.getInt("st"), reply::toString);
        assertEquals("blocked", reply.getString("name"));
        assertNull(client.receive(300), "122 is the only reply");
    }

    @Test
    void aNameOutsideTheRuleRepliesOnly41() throws Exception {
        assertReply("{\"KV_SAVE_RSP\":{\"st\":41}}", client.request("{\"KV_SAVE\":{\"name\":\"../x\"}}"));
        assertReply("{\"KV_SAVE_RSP\":{\"st\":42}}", client.request("{\"KV_SAVE\":{\"name\":\"\"}}"));
        assertNull(client.receive(200), "no second reply");
    }
}
