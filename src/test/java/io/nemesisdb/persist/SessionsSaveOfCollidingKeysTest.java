package io.nemesisdb.persist;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.CollidingNames;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SH_SAVE and SH_LOAD of a session whose key names defeat naive hashing: 2^16 names of one
 * {@code String.hashCode} and 260,000 numbered names. The save's copy of the session used to go
 * through {@code Map.copyOf}, whose table took over a minute for these keys (while the session's
 * writers waited); the round trip now takes a few seconds at most.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
@AddConfig(key = "nemesis.max-payload", value = "4000000")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/colliding-sessions")
class SessionsSaveOfCollidingKeysTest {

    private static final Path ROOT = Path.of("target/test-persist/colliding-sessions").toAbsolutePath();

    private WsClient client;

    @BeforeAll
    static void emptyPersistPath() throws Exception {
        Datasets.delete(ROOT);
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
    void aSessionOfCollidingKeyNamesIsSavedAndLoadedQuickly() throws Exception {
        String reply = client.request("{\"SH_NEW\":{\"name\":\"colliding\"}}");
        String token = reply.substring(reply.indexOf("\"tkn\":") + 6, reply.lastIndexOf('}') - 1);
        List<String> same = CollidingNames.sameHashCode(1 << 16);
        List<String> numbered = CollidingNames.numbered("key", 260_000);
        for (List<String> keys : List.of(same, numbered.subList(0, 130_000), numbered.subList(130_000, 260_000))) {
            assertReply("{\"KV_SET_RSP\":{\"st\":1,\"tkn\":" + token + "}}",
                    client.request("{\"KV_SET\":{\"tkn\":" + token + ",\"keys\":" + CollidingNames.objectOfIndexes(keys) + "}}"));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertReply("{\"SH_SAVE_RSP\":{\"st\":120,\"name\":\"colliding\"}}", client.request("{\"SH_SAVE\":{\"name\":\"colliding\"}}"));
            assertEquals(121, Replies.status(client.receiveText(), "SH_SAVE_RSP"));
            client.request("{\"SH_END_ALL\":{}}");
            assertReply("{\"SH_LOAD_RSP\":{\"st\":141,\"name\":\"colliding\",\"sessions\":1,\"keys\":325536}}",
                    client.request("{\"SH_LOAD\":{\"name\":\"colliding\"}}"));
        }, "copying the session for the save took over a minute with Map.copyOf");
        assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"" + same.get(4321) + "\":4321,\"key255s\":100000},\"tkn\":" + token + "}}",
                client.request("{\"KV_GET\":{\"tkn\":" + token + ",\"keys\":[\"" + same.get(4321) + "\",\"key255s\"]}}"));
    }
}
