package io.nemesisdb.session;

import static io.nemesisdb.support.Replies.body;
import static io.nemesisdb.support.Replies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Many clients on shared and private sessions while others end sessions. Bounded in requests
 * (every client sends a fixed number) and in time (a minute at most). Invariants checked on every
 * reply: only the statuses the race allows, never 1000; the token echoed last; multi-key writes
 * seen whole; and once a private session answered 100 it never answers anything else, so no
 * command ever ran on a session after its end.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
class SessionConcurrencyTest {

    private static final int WORKERS = 6;
    private static final int ENDERS = 2;
    private static final int REQUESTS = 400;
    private static final String SHARED_NAME = "hot";

    @Test
    void clientsHammeringSessionsWhileOthersEndThemSeeOnlyWholeCommands() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(WORKERS + ENDERS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                results.add(executor.submit(worker(i)));
            }
            for (int i = 0; i < ENDERS; i++) {
                results.add(executor.submit(ender(i == 0)));
            }
            int requests = 0;
            for (Future<Integer> result : results) {
                requests += result.get(60, TimeUnit.SECONDS);
            }
            assertEquals(WORKERS * REQUESTS + ENDERS * REQUESTS / 4, requests);
        } finally {
            executor.shutdownNow();
        }
        try (SessionClient client = SessionClient.connect()) {
            client.request("{\"SH_END_ALL\":{}}");
            assertEquals("{\"SH_INFO_ALL_RSP\":{\"st\":1,\"totalSessions\":0,\"totalKeys\":0}}",
                    client.request("{\"SH_INFO_ALL\":{}}"));
        }
    }

    /** Writes pairs x=y=i to the shared session and its own private one, reads them back, recreates what was ended. */
    private static Callable<Integer> worker(int id) {
        return () -> {
            try (SessionClient client = SessionClient.connect()) {
                String shared = openShared(client);
                String mine = client.newSession("w" + id, "");
                boolean mineEnded = false;
                for (int i = 0; i < REQUESTS; i++) {
                    boolean onShared = i % 2 == 0;
                    String token = onShared ? shared : mine;
                    String reply = switch (i % 8) {
                        case 0, 1 -> client.command("KV_SET", token, "\"keys\":{\"x\":" + i + ",\"y\":" + i + "}");
                        case 2, 3 -> client.command("KV_GET", token, "\"keys\":[\"x\",\"y\"]");
                        case 4, 5 -> client.command("KV_CLEAR_SET", token, "\"keys\":{\"x\":-" + i + ",\"y\":-" + i + "}");
                        default -> client.command("KV_COUNT", token, "");
                    };
                    int status = checkKvReply(reply, token);
                    if (onShared) {
                        if (status == 100) {
                            shared = openShared(client);
                        }
                    } else if (status == 100) {
                        mineEnded = true;
                    } else {
                        assertTrue(!mineEnded, () -> "a private session answered again after 100: " + reply);
                    }
                }
                return REQUESTS;
            }
        };
    }

    /** Checks one KV reply and returns its status. */
    private static int checkKvReply(String reply, String token) {
        JsonObject outer = parse(reply);
        String name = outer.keySet().iterator().next();
        JsonObject body = body(reply, name);
        int status = body.getInt("st");
        assertTrue(status == 1 || status == 100, () -> "unexpected status: " + reply);
        assertTrue(reply.endsWith(",\"tkn\":" + token + "}}"), () -> "token not last: " + reply);
        if (status == 1 && name.equals("KV_GET_RSP")) {
            JsonObject keys = body.getJsonObject("keys");
            assertTrue(keys.isEmpty() || keys.size() == 2 && keys.get("x").equals(keys.get("y")),
                    () -> "a write seen in part: " + reply);
        }
        if (status == 1 && name.equals("KV_COUNT_RSP")) {
            assertTrue(Set.of(0, 2).contains(body.getInt("cnt")), () -> "a write seen in part: " + reply);
        }
        return status;
    }

    /** Creates the shared session, or gets its token from the 103 when another client created it. */
    private static String openShared(SessionClient client) throws Exception {
        JsonObject created = body(client.request("{\"SH_NEW\":{\"name\":\"" + SHARED_NAME + "\",\"shared\":true}}"), "SH_NEW_RSP");
        int status = created.getInt("st");
        assertTrue(status == 1 || status == 103, created::toString);
        String token = SessionClient.token(created);
        assertEquals(Long.toUnsignedString(SharedToken.of(SHARED_NAME)), token);
        return token;
    }

    /** Ends the shared session, or every session, over and over. */
    private static Callable<Integer> ender(boolean endAll) {
        return () -> {
            try (SessionClient client = SessionClient.connect()) {
                String shared = Long.toUnsignedString(SharedToken.of(SHARED_NAME));
                for (int i = 0; i < REQUESTS / 4; i++) {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(2, 10));
                    if (endAll) {
                        JsonObject reply = body(client.request("{\"SH_END_ALL\":{}}"), "SH_END_ALL_RSP");
                        assertEquals(1, reply.getInt("st"));
                        assertTrue(reply.getInt("cnt") >= 0);
                    } else {
                        JsonObject reply = body(client.command("SH_END", shared, ""), "SH_END_RSP");
                        assertTrue(reply.getInt("st") == 1 || reply.getInt("st") == 100, reply::toString);
                        assertEquals(shared, SessionClient.token(reply));
                    }
                }
                return REQUESTS / 4;
            }
        };
    }
}
