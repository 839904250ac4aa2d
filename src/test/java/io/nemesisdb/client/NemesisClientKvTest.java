package io.nemesisdb.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.support.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java client against a real KV-mode server: every command, JSON-B, statuses, quiet commands, saves, many callers, reconnects. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/client-kv")
class NemesisClientKvTest {

    /** A user class, mapped with JSON-B. */
    public record User(String name, int age) {
    }

    private NemesisClient client;
    private NemesisCommands kv;

    static URI url() {
        return URI.create("ws://127.0.0.1:" + TestServer.port() + "/");
    }

    @BeforeEach
    void connect() {
        client = NemesisClient.connect(url());
        kv = client.sync();
        kv.clear();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void everyKeyValueCommandDoesWhatItsRequestDoes() {
        kv.set(Map.of("username", "Bob", "age", 26));
        kv.set("city", "London");
        assertEquals(Json.createObjectBuilder().add("username", "Bob").add("age", 26).build(), kv.get("username", "age", "nobody"));
        kv.add(Map.of("username", "Alice", "email", "bob@example.com"));
        assertEquals("Bob", kv.get("username", String.class));
        kv.setQ(Map.of("country", "UK"));
        kv.addQ(Map.of("country", "FR", "zone", 1));
        assertEquals(Json.createObjectBuilder().add("country", "UK").add("zone", 1).build(), kv.get("country", "zone"));
        assertEquals(6, kv.count());
        assertEquals(List.of("username", "age", "username"), kv.contains("username", "nobody", "age", "username"));
        kv.remove("email", "nobody");
        assertEquals(List.of("age", "city", "country", "username", "zone"), kv.keys().stream().sorted().toList());
        assertEquals(5, kv.clearSet(Map.of("tags", List.of("a"), "profile", Map.of("langs", List.of("en"), "city", "Paris"))));
        kv.arrAppend("tags", List.of("b", "c"));
        kv.arrAppend("profile", "langs", List.of("fr"));
        assertEquals(Json.createArrayBuilder().add("a").add("b").add("c").build(), kv.get("tags").get("tags"));
        assertEquals(1, kv.update("profile", "/city", "Lyon"));
        LinkedHashMap<String, Object> pointers = new LinkedHashMap<>();
        pointers.put("/city", "Nice");
        pointers.put("/langs/0", "de");
        assertEquals(2, kv.update("profile", pointers));
        assertEquals(Json.createObjectBuilder().add("langs", Json.createArrayBuilder().add("de").add("fr")).add("city", "Nice").build(),
                kv.get("profile").get("profile"));
        kv.set("member", Map.of("access", List.of(Map.of("level", 1, "permit", true), Map.of("level", 3, "permit", true))));
        assertEquals(1, kv.updatePath("member", "$.access[?(@.level > 2)].permit", false));
        assertEquals(List.of("member"), kv.find("$.access[?(@.permit == false)]", Rsp.KEYS).keys());
        assertEquals(List.of("$['access'][1]"), kv.find("$.access[?(@.permit == false)]", Rsp.PATHS).paths());
        FindResult both = kv.find("$[?(@ == 'b')]", Rsp.KV, "tags", "profile");
        assertEquals(List.of("tags"), both.keys());
        assertEquals(kv.get("tags"), both.values());
        assertEquals(0, kv.find("$[?(@ == 'b')]", Rsp.KEYS, "profile").keys().size());
        assertEquals(3, kv.clear());
        assertEquals(0, kv.count());
    }

    @Test
    void valuesMapToTheCallersClassesAndNumbersKeepEveryDigit() {
        kv.set("user", new User("Ann", 41));
        assertEquals(new User("Ann", 41), kv.get("user", User.class));
        assertEquals(Json.createObjectBuilder().add("name", "Ann").add("age", 41).build(), kv.get("user", JsonObject.class));
        assertNull(kv.get("nobody", User.class));
        BigInteger big = new BigInteger("123456789012345678901234567890");
        kv.set("big", big);
        assertEquals(big, kv.get("big", BigInteger.class));
        assertEquals("123456789012345678901234567890", kv.get("big").get("big").toString());
    }

    @Test
    void anErrorStatusIsATypedExceptionWithStAndM() {
        NemesisStatusException missing = assertThrows(NemesisStatusException.class, () -> kv.update("nobody", "/a", 1));
        assertEquals(22, missing.st());
        assertEquals(Status.KEY_NOT_EXIST, missing.status());
        assertEquals("KV_UPDATE", missing.command());
        NemesisStatusException empty = assertThrows(NemesisStatusException.class, () -> kv.set(Map.of()));
        assertEquals(Status.VALUE_SIZE, empty.status());
        assertTrue(empty.m().contains("keys"), empty.m());
        assertEquals(Status.COMMAND_NOT_EXIST, assertThrows(NemesisStatusException.class, () -> kv.newSession("s")).status());
        CompletionException async = assertThrows(CompletionException.class,
                () -> client.async().arrAppend("nobody", List.of(1)).toCompletableFuture().join());
        assertEquals(Status.KEY_NOT_EXIST, assertInstanceOf(NemesisStatusException.class, async.getCause()).status());
    }

    @Test
    void aFailedQuietCommandFailsAloneAndTheOthersAroundItSucceed() {
        NemesisAsyncCommands async = client.async();
        CompletableFuture<Void> first = async.setQ(Map.of("a", 1)).toCompletableFuture();
        CompletableFuture<Void> failing = async.addQ(Map.of()).toCompletableFuture();
        CompletableFuture<Void> third = async.setQ(Map.of("b", 2)).toCompletableFuture();
        CompletableFuture<Long> count = async.count().toCompletableFuture();
        first.join();
        third.join();
        CompletionException failure = assertThrows(CompletionException.class, failing::join);
        NemesisStatusException status = assertInstanceOf(NemesisStatusException.class, failure.getCause());
        assertEquals(Status.VALUE_SIZE, status.status());
        assertEquals("KV_ADDQ", status.command());
        assertEquals(2, count.join());
        // a quiet command with nothing after it still completes (the client sends a request after it)
        async.setQ(Map.of("c", 3)).toCompletableFuture().join();
        assertEquals(Status.VALUE_SIZE, assertThrows(NemesisStatusException.class, () -> kv.setQ(Map.of())).status());
    }

    @Test
    void aSaveCompletesOnItsSecondReplyAndLaterRequestsAreAnsweredMeanwhile() {
        kv.set(Map.of("k", "v"));
        NemesisAsyncCommands async = client.async();
        CompletableFuture<SaveResult> save = async.save("client-kv").toCompletableFuture();
        List<CompletableFuture<JsonObject>> gets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            gets.add(async.get("k").toCompletableFuture());
        }
        assertEquals("client-kv", save.join().name());
        assertTrue(save.join().durationMillis() >= 0);
        gets.forEach(get -> assertEquals("\"v\"", get.join().get("k").toString()));
        List<JsonObject> replies = kv.send(Json.createObjectBuilder().add("KV_SAVE", Json.createObjectBuilder().add("name", "client-kv")).build());
        assertEquals(List.of(120, 121), replies.stream().map(reply -> reply.getJsonObject("KV_SAVE_RSP").getInt("st")).toList());
        assertEquals(Status.VALUE_TYPE_INVALID, assertThrows(NemesisStatusException.class, () -> kv.save("../etc")).status());
        kv.clear();
        LoadResult loaded = kv.load("client-kv");
        assertEquals(1, loaded.keys());
        assertEquals(Status.LOAD_ERROR, assertThrows(NemesisStatusException.class, () -> kv.load("nosuch")).status());
    }

    @Test
    void manyThreadsShareOneConnectionAndEachGetsItsOwnReplies() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        String key = "t" + thread + "-" + (i % 10);
                        kv.set(key, i);
                        assertEquals(i, kv.get(key, Integer.class));
                        if (i % 25 == 0) {
                            kv.setQ(Map.of(key, -i));
                            assertEquals(-i, kv.get(key, Integer.class));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        List<CompletableFuture<JsonObject>> pipelined = new ArrayList<>();
        NemesisAsyncCommands async = client.async();
        for (int i = 0; i < 2000; i++) {
            async.setQ(Map.of("p" + i, i));
            pipelined.add(async.get("p" + i).toCompletableFuture());
        }
        for (int i = 0; i < 2000; i++) {
            assertEquals(i, pipelined.get(i).join().getInt("p" + i));
        }
    }

    @Test
    void afterTheServerClosesTheConnectionTheNextRequestReconnects() {
        kv.set("before", 1);
        String tooLarge = "x".repeat(1_100_000); // above nemesis.max-payload: the server closes with 1009
        assertThrows(NemesisConnectionException.class, () -> kv.set("big", tooLarge));
        assertEquals(1, kv.get("before", Integer.class));
    }

    @Test
    void aServerThatIsNotThereIsAConnectionException() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI nowhere = URI.create("ws://127.0.0.1:" + port + "/");
        assertThrows(NemesisConnectionException.class, () -> NemesisClient.connect(nowhere));
        assertThrows(IllegalArgumentException.class, () -> NemesisClient.connect(URI.create("http://127.0.0.1:1/")));
    }
}
