package io.nemesisdb.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

/** {@code nemesis.persist.save-replies=one} in sessions mode: SH_SAVE replies once, with the outcome. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/one-reply-sessions")
@AddConfig(key = "nemesis.persist.save-replies", value = "one")
class OneSaveReplySessionsTest {

    private WsClient client;

    @BeforeAll
    static void emptyPersistPath() throws Exception {
        Datasets.delete(Path.of("target/test-persist/one-reply-sessions").toAbsolutePath());
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
    void aDurableSessionsSaveRepliesOnly121() throws Exception {
        client.request("{\"SH_NEW\":{\"name\":\"kept\",\"shared\":true}}");
        JsonObject done = Replies.body(client.request("{\"SH_SAVE\":{\"name\":\"sessions-once\"}}"), "SH_SAVE_RSP");
        assertEquals(121, done.getInt("st"), done::toString);
        assertEquals("sessions-once", done.getString("name"));
        assertNull(client.receive(200), "121 is the only reply");

        client.request("{\"SH_END_ALL\":{}}");
        JsonObject loaded = Replies.body(client.request("{\"SH_LOAD\":{\"name\":\"sessions-once\"}}"), "SH_LOAD_RSP");
        assertEquals(141, loaded.getInt("st"), loaded::toString);
        assertEquals(1, loaded.getInt("sessions"));
    }

    @Test
    void aSaveOfAnInvalidTokenListRepliesOnlyTheError() throws Exception {
        JsonObject refused = Replies.body(client.request("{\"SH_SAVE\":{\"name\":\"s\",\"tkns\":[\"x\"]}}"), "SH_SAVE_RSP");
        assertEquals(41, refused.getInt("st"), refused::toString);
        assertNull(client.receive(200), "no second reply");
    }
}
