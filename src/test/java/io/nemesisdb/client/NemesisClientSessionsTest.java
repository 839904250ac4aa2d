package io.nemesisdb.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.support.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java client against a real sessions-mode server: sessions, tokens above 2^63, every KV command in a session, saves. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/client-sessions")
class NemesisClientSessionsTest {

    /** The token of the shared session "shared1", above 2^63. */
    static final SessionToken SHARED1 = SessionToken.of("15992824868599950585");

    private NemesisClient client;
    private NemesisCommands commands;

    @BeforeEach
    void connect() {
        client = NemesisClient.connect(URI.create("ws://127.0.0.1:" + TestServer.port() + "/"));
        commands = client.sync();
        commands.endAllSessions();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void sessionsAreCreatedOpenedDescribedAndEnded() {
        SessionToken cart = commands.newSession("cart", Expiry.deleteAfter(600));
        SessionToken shared = commands.newSharedSession("shared1", null);
        assertEquals(SHARED1, shared);
        assertTrue(shared.toBigInteger().compareTo(BigInteger.ONE.shiftLeft(63)) > 0);
        assertEquals(SHARED1, commands.openSession("shared1"));
        NemesisStatusException exists = assertThrows(NemesisStatusException.class, () -> commands.newSharedSession("shared1", null));
        assertEquals(Status.SESSION_NEW_FAIL, exists.status());
        assertEquals(Status.SESSION_OPEN_FAIL, assertThrows(NemesisStatusException.class, () -> commands.openSession("nope")).status());

        SessionInfo info = commands.sessionInfo(cart);
        assertEquals(cart, info.token());
        assertFalse(info.shared());
        assertEquals(new Expiry(600, true), info.expiry());
        assertTrue(info.remainingSeconds() > 590 && info.remainingSeconds() <= 600);
        SessionInfo sharedInfo = commands.session(shared).info();
        assertTrue(sharedInfo.shared());
        assertNull(sharedInfo.expiry());

        commands.session(shared).set("k", 1);
        assertEquals(new SessionTotals(2, 1), commands.sessionTotals());
        SessionToken unknown = SessionToken.of("18446744073709551615");
        assertEquals(List.of(shared, cart), commands.sessionsExist(shared, unknown, cart));

        commands.endSession(cart);
        assertEquals(Status.SESSION_NOT_EXIST, assertThrows(NemesisStatusException.class, () -> commands.endSession(cart)).status());
        commands.session(shared).end();
        assertEquals(List.of(), commands.sessionsExist(shared));
        commands.newSession("a");
        commands.newSession("b", Expiry.clearAfter(60));
        assertEquals(2, commands.endAllSessions());
    }

    @Test
    void everyKeyValueCommandWorksInTheSessionItsViewNames() {
        NemesisSession mine = commands.session(commands.newSharedSession("shared1", null));
        NemesisSession other = commands.session(commands.newSession("other"));
        mine.set(Map.of("username", "Bob", "age", 26));
        other.set("username", "Ann");
        assertEquals("Bob", mine.get("username", String.class));
        assertEquals("Ann", other.get("username", String.class));
        mine.add(Map.of("username", "Alice", "email", "bob@example.com"));
        mine.setQ(Map.of("country", "UK"));
        mine.addQ(Map.of("country", "FR", "zone", 1));
        assertEquals(5, mine.count());
        assertEquals(1, other.count());
        assertEquals(List.of("username", "zone"), mine.contains("username", "nobody", "zone"));
        mine.remove("email");
        assertEquals(List.of("age", "country", "username", "zone"), mine.keys().stream().sorted().toList());
        assertEquals(4, mine.clearSet(Map.of("tags", List.of("a"), "profile", Map.of("langs", List.of("en")))));
        mine.arrAppend("tags", List.of("b"));
        mine.arrAppend("profile", "langs", List.of("fr"));
        assertEquals(1, mine.update("profile", "/langs/0", "de"));
        assertEquals(1, mine.updatePath("tags", "$[0]", "z"));
        assertEquals(Json.createArrayBuilder().add("z").add("b").build(), mine.get("tags").get("tags"));
        assertEquals(List.of("tags"), mine.find("$[?(@ == 'b')]", Rsp.KEYS).keys());
        assertEquals(List.of("$[1]"), mine.find("$[?(@ == 'b')]", Rsp.PATHS, "tags").paths());
        assertEquals(mine.get("profile"), mine.find("$.langs[?(@ == 'fr')]", Rsp.KV).values());
        assertEquals(2, mine.clear());
        assertEquals(1, other.count());
    }

    @Test
    void aQuietCommandToASessionThatIsGoneFailsWithTheSessionsStatus() {
        SessionToken live = commands.newSession("live");
        SessionToken gone = commands.newSession("gone");
        commands.endSession(gone);
        NemesisAsyncCommands async = client.async();
        CompletableFuture<Void> toLive = async.session(live).setQ(Map.of("a", 1)).toCompletableFuture();
        CompletableFuture<Void> toGone = async.session(gone).setQ(Map.of("a", 1)).toCompletableFuture();
        CompletableFuture<Void> toLiveAgain = async.session(live).setQ(Map.of("b", 2)).toCompletableFuture();
        toLive.join();
        toLiveAgain.join();
        CompletionException failure = assertThrows(CompletionException.class, toGone::join);
        assertEquals(Status.SESSION_NOT_EXIST, assertInstanceOf(NemesisStatusException.class, failure.getCause()).status());
        assertEquals(2, commands.session(live).count());
    }

    @Test
    void sessionSavesCompleteOnTheirSecondReplyAndLoadBack() {
        SessionToken shared = commands.newSharedSession("shared1", null);
        commands.session(shared).set("k", "v");
        SessionToken other = commands.newSession("other");
        assertEquals("client-all", commands.saveSessions("client-all").name());
        assertEquals("client-one", commands.saveSessions("client-one", shared).name());
        List<JsonObject> replies = commands.send(Json.createObjectBuilder()
                .add("SH_SAVE", Json.createObjectBuilder().add("name", "client-raw")).build());
        assertEquals(List.of(120, 121), replies.stream().map(reply -> reply.getJsonObject("SH_SAVE_RSP").getInt("st")).toList());
        commands.endAllSessions();
        LoadResult one = commands.loadSessions("client-one");
        assertEquals(new LoadResult("client-one", 1, 1), one);
        assertEquals("v", commands.session(shared).get("k", String.class));
        assertEquals(List.of(), commands.sessionsExist(other));
        assertEquals(Status.LOAD_ERROR, assertThrows(NemesisStatusException.class, () -> commands.loadSessions("nosuch")).status());
    }

    @Test
    void manySessionsPipelinedOnOneConnection() {
        NemesisAsyncCommands async = client.async();
        List<SessionToken> tokens = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tokens.add(commands.newSession("s" + i));
        }
        List<CompletableFuture<Long>> counts = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < tokens.size(); i++) {
                async.session(tokens.get(i)).setQ(Map.of("r" + round, i));
                counts.add(async.session(tokens.get(i)).count().toCompletableFuture());
            }
        }
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < tokens.size(); i++) {
                assertEquals(round + 1, counts.get(round * tokens.size() + i).join());
            }
        }
    }

    @Test
    void theCliWorksInTheSessionItsShorthandsCreate() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        String input = "new cart 600\nset user {\"name\":\"Ann\"}\nget user\nshared shared1\ncount\nuse\ncount\n";
        int status = io.nemesisdb.client.cli.Cli.run(new String[] {"--url", "ws://127.0.0.1:" + TestServer.port() + "/"},
                new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), false, null);
        List<String> lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, status, "the last count names no session: 101");
        String cart = Json.createReader(new java.io.StringReader(lines.get(0))).readObject().getJsonObject("SH_NEW_RSP")
                .getJsonNumber("tkn").bigIntegerValue().toString();
        assertEquals("{\"KV_SET_RSP\":{\"st\":1,\"tkn\":" + cart + "}}", lines.get(1));
        assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"user\":{\"name\":\"Ann\"}},\"tkn\":" + cart + "}}", lines.get(2));
        assertEquals("{\"SH_NEW_RSP\":{\"st\":1,\"name\":\"shared1\",\"tkn\":" + SHARED1 + "}}", lines.get(3));
        assertEquals("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":0,\"tkn\":" + SHARED1 + "}}", lines.get(4));
        assertTrue(lines.get(5).contains("\"st\":101"), lines.get(5));
        assertEquals(1, commands.session(SessionToken.of(cart)).count());
    }
}
