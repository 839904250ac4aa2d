package io.nemesisdb.session;

import static io.nemesisdb.support.Replies.body;
import static io.nemesisdb.support.Replies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.ConcurrentClients;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Many clients on shared and private sessions while others end them, one by one and all at once.
 * Bounded in requests (every worker sends a fixed number, every ender ends at most {@link #ENDS}
 * times) and in time (a minute at most).
 *
 * <p>Invariants checked on every reply: only the statuses the race allows, never 1000; the token
 * echoed last; multi-key writes seen whole; and no command sent after an {@code SH_END} of its
 * session was acknowledged succeeds, so no command ever runs on a session after its end.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
class SessionConcurrencyTest {

    private static final int WORKERS = 6;
    private static final int REQUESTS = 400;
    private static final int ENDS = 100;
    private static final String SHARED_NAME = "hot";

    /** Private tokens the workers use, for the ender to pick from. */
    private final BlockingQueue<String> privateTokens = new LinkedBlockingQueue<>();
    /** When the ender had the acknowledgement of SH_END of a private token (System.nanoTime). */
    private final Map<String, Long> endAcknowledgedAt = new ConcurrentHashMap<>();
    private final AtomicInteger sessionsNotFound = new AtomicInteger();
    private final AtomicInteger workersRunning = new AtomicInteger(WORKERS);

    @Test
    void clientsHammeringSessionsWhileOthersEndThemSeeOnlyWholeCommands() throws Exception {
        List<Callable<Integer>> clients = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            clients.add(worker(i));
        }
        clients.add(privateEnder());
        clients.add(sharedEnder());
        clients.add(allEnder());
        List<Integer> requests = ConcurrentClients.runAll(Duration.ofSeconds(60), clients);
        assertEquals(WORKERS * REQUESTS, requests.subList(0, WORKERS).stream().mapToInt(Integer::intValue).sum());
        assertTrue(sessionsNotFound.get() > 0, "the race never happened: no command met an ended session");
        try (SessionClient client = SessionClient.connect()) {
            client.request("{\"SH_END_ALL\":{}}");
            assertEquals("{\"SH_INFO_ALL_RSP\":{\"st\":1,\"totalSessions\":0,\"totalKeys\":0}}",
                    client.request("{\"SH_INFO_ALL\":{}}"));
        }
    }

    /**
     * Writes pairs x=y to the shared session and its own private one and reads them back; opens
     * a new session when its session was ended.
     */
    private Callable<Integer> worker(int id) {
        return () -> {
            try (SessionClient client = SessionClient.connect()) {
                String shared = openShared(client);
                String mine = newPrivate(client, id);
                for (int i = 0; i < REQUESTS; i++) {
                    boolean onShared = i % 2 == 0;
                    String token = onShared ? shared : mine;
                    long sent = System.nanoTime();
                    String reply = switch (i % 8) {
                        case 0, 1 -> client.command("KV_SET", token, "\"keys\":{\"x\":" + i + ",\"y\":" + i + "}");
                        case 2, 3 -> client.command("KV_GET", token, "\"keys\":[\"x\",\"y\"]");
                        case 4, 5 -> client.command("KV_CLEAR_SET", token, "\"keys\":{\"x\":-" + i + ",\"y\":-" + i + "}");
                        default -> client.command("KV_COUNT", token, "");
                    };
                    int status = checkKvReply(reply, token);
                    if (status == 100) {
                        sessionsNotFound.incrementAndGet();
                        if (onShared) {
                            shared = openShared(client);
                        } else {
                            mine = newPrivate(client, id);
                        }
                    } else {
                        Long ended = endAcknowledgedAt.get(token);
                        assertTrue(ended == null || sent - ended < 0,
                                () -> "a command sent after its session's end was acknowledged succeeded: " + reply);
                    }
                }
                return REQUESTS;
            } finally {
                workersRunning.decrementAndGet();
            }
        };
    }

    private String newPrivate(SessionClient client, int id) throws Exception {
        String token = client.newSession("w" + id, "");
        privateTokens.add(token);
        return token;
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

    /**
     * Ends private sessions the workers are using, up to {@link #ENDS}, and notes when each end
     * was acknowledged; stops early when the workers are done, as no new tokens come then.
     */
    private Callable<Integer> privateEnder() {
        return () -> {
            try (SessionClient client = SessionClient.connect()) {
                int ended = 0;
                while (ended < ENDS && workersRunning.get() > 0) {
                    pause();
                    String token = privateTokens.poll(10, TimeUnit.MILLISECONDS);
                    if (token == null) {
                        continue;
                    }
                    JsonObject reply = body(client.command("SH_END", token, ""), "SH_END_RSP");
                    long acknowledged = System.nanoTime();
                    assertTrue(reply.getInt("st") == 1 || reply.getInt("st") == 100, reply::toString);
                    assertEquals(token, SessionClient.token(reply));
                    endAcknowledgedAt.put(token, acknowledged);
                    ended++;
                }
                return ended;
            }
        };
    }

    private static Callable<Integer> sharedEnder() {
        return () -> {
            try (SessionClient client = SessionClient.connect()) {
                String shared = Long.toUnsignedString(SharedToken.of(SHARED_NAME));
                for (int i = 0; i < ENDS; i++) {
                    pause();
                    JsonObject reply = body(client.command("SH_END", shared, ""), "SH_END_RSP");
                    assertTrue(reply.getInt("st") == 1 || reply.getInt("st") == 100, reply::toString);
                    assertEquals(shared, SessionClient.token(reply));
                }
                return ENDS;
            }
        };
    }

    private static Callable<Integer> allEnder() {
        return () -> {
            try (SessionClient client = SessionClient.connect()) {
                for (int i = 0; i < ENDS; i++) {
                    pause();
                    pause();
                    JsonObject reply = body(client.request("{\"SH_END_ALL\":{}}"), "SH_END_ALL_RSP");
                    assertEquals(1, reply.getInt("st"));
                    assertTrue(reply.getInt("cnt") >= 0 && reply.getInt("cnt") <= WORKERS + 1, reply::toString);
                }
                return ENDS;
            }
        };
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 8));
    }
}
