package io.nemesisdb.session;

import static io.nemesisdb.support.Replies.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Expiry over the wire with real time. Timing assertions are one-sided and robust to a slow
 * machine: a reply that arrived before the earliest possible expiry must show the session alive,
 * and a request sent after the latest possible expiry plus 100 ms must show it expired.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
// no sweep during the test: exact expiry must come from the checks on access alone
@AddConfig(key = "nemesis.sessions.sweep-interval-ms", value = "600000")
class SessionExpiryTest {

    private static final long MS = 1_000_000L;
    private static final long TOLERANCE = 100 * MS;
    private static final long POLL_LIMIT = 10_000 * MS;

    private SessionClient client;

    @BeforeEach
    void connect() throws Exception {
        client = SessionClient.connect();
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    /** A request that observes a session's state, and whether that state says it is still as before expiry. */
    @FunctionalInterface
    private interface Probe {
        boolean beforeExpiry() throws Exception;
    }

    /**
     * Probes every 10 ms until the session is seen expired; checks that no probe saw it expired
     * before {@code earliest} and that it was seen expired by a probe sent at most 100 ms after
     * {@code latest}.
     */
    private static void assertExpiresBetween(long earliest, long latest, Probe probe) throws Exception {
        while (true) {
            long sent = System.nanoTime();
            boolean alive = probe.beforeExpiry();
            long received = System.nanoTime();
            if (alive) {
                assertTrue(sent - (latest + TOLERANCE) <= 0,
                        () -> "still not expired " + (sent - latest) / MS + " ms after its expiry");
            } else {
                assertTrue(received - earliest >= 0,
                        () -> "expired " + (earliest - received) / MS + " ms before its time");
                return;
            }
            if (sent - latest > POLL_LIMIT) {
                fail("never expired");
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private static long secondsAfter(long nanos, int seconds) {
        return nanos + seconds * 1_000 * MS;
    }

    /** A session is created and then written at once: only a stall of a second between the two expires it first. */
    private static void assertSetWhileAlive(String reply) {
        assertEquals(1, body(reply, "KV_SET_RSP").getInt("st"),
                () -> "the session expired before the KV_SET that follows its SH_NEW; machine stalled? " + reply);
    }

    private boolean exists(String token) throws Exception {
        String reply = client.request("{\"SH_EXISTS\":{\"tkns\":[" + token + "]}}");
        return body(reply, "SH_EXISTS_RSP").getJsonArray("exist").size() == 1;
    }

    private JsonObject info(String token) throws Exception {
        return body(client.command("SH_INFO", token, ""), "SH_INFO_RSP");
    }

    @Test
    void sessionDeletedOnExpiryIsGoneOnTimeAndSHExistsDoesNotExtendIt() throws Exception {
        String token = client.newSession("d", ",\"expiry\":{\"duration\":1,\"deleteSession\":true}");
        long before = System.nanoTime();
        assertSetWhileAlive(client.command("KV_SET", token, "\"keys\":{\"a\":1}"));
        long setAt = System.nanoTime();
        assertExpiresBetween(secondsAfter(before, 1), secondsAfter(setAt, 1), () -> exists(token));
        assertEquals(100, info(token).getInt("st"));
        assertEquals(100, body(client.command("KV_GET", token, "\"keys\":[\"a\"]"), "KV_GET_RSP").getInt("st"));
    }

    @Test
    void sessionClearedOnExpiryLosesItsKeysOnTimeAndLivesOnAndSHInfoDoesNotExtendIt() throws Exception {
        String token = client.newSession("c", ",\"expiry\":{\"duration\":1,\"deleteSession\":false}");
        long before = System.nanoTime();
        assertSetWhileAlive(client.command("KV_SET", token, "\"keys\":{\"a\":1,\"b\":2}"));
        long after = System.nanoTime();
        assertExpiresBetween(secondsAfter(before, 1), secondsAfter(after, 1), () -> {
            JsonObject info = info(token);
            assertEquals(1, info.getInt("st"));
            return info.getInt("keyCnt") == 2;
        });
        JsonObject info = info(token);
        assertTrue(info.getBoolean("expires"));
        assertEquals(0, info.getInt("keyCnt"));
        assertFalse(info.getJsonObject("expiry").getBoolean("deleteSession"));
        assertTrue(exists(token));
        assertEquals("{\"KV_SET_RSP\":{\"st\":1,\"tkn\":" + token + "}}", client.command("KV_SET", token, "\"keys\":{\"c\":3}"));
        assertEquals(1, info(token).getInt("keyCnt"));
    }

    /**
     * Accesses every 300 ms keep a two-second session alive for five seconds. Two seconds leave
     * room for the test's own stalls on a busy machine; a gap of 1.5 s between accesses fails it
     * as the test's fault, not the server's.
     */
    @Test
    void everyKvAccessIncludingQuietSetsAndReadsExtendsTheSession() throws Exception {
        String token = client.newSession("x", ",\"expiry\":{\"duration\":2,\"deleteSession\":true}");
        long start = System.nanoTime();
        String[] accesses = {
            SessionClient.message("KV_SETQ", token, "\"keys\":{\"a\":1}"),
            SessionClient.message("KV_GET", token, "\"keys\":[\"a\"]"),
            SessionClient.message("KV_COUNT", token, ""),
        };
        long lastAccess = start;
        int i = 0;
        while (System.nanoTime() - start < 5_000 * MS) {
            TimeUnit.MILLISECONDS.sleep(300);
            String access = accesses[i++ % accesses.length];
            long sent = System.nanoTime();
            assertTrue(sent - lastAccess < 1_500 * MS, "the test itself fell behind; machine overloaded");
            client.send(access);
            if (!access.contains("KV_SETQ")) {
                assertEquals(1, body(client.raw().receiveText(), access.substring(2, access.indexOf('"', 2)) + "_RSP").getInt("st"));
            }
            lastAccess = sent;
        }
        assertTrue(exists(token), "accesses kept the session alive past its duration");
        long last = System.nanoTime();
        client.send(SessionClient.message("KV_SETQ", token, "\"keys\":{\"b\":2}"));
        long lastSent = System.nanoTime();
        assertEquals(2, info(token).getInt("keyCnt"));
        assertExpiresBetween(secondsAfter(last, 2), secondsAfter(lastSent, 2), () -> exists(token));
    }

    @Test
    void remainingIsWholeSecondsLeftAndNeverNegative() throws Exception {
        long before = System.nanoTime();
        String token = client.newSession("r", ",\"expiry\":{\"duration\":2,\"deleteSession\":false}");
        JsonObject expiry = info(token).getJsonObject("expiry");
        long elapsed = System.nanoTime() - before;
        assertEquals(2, expiry.getInt("duration"));
        int remaining = expiry.getInt("remaining");
        // 1 or 2 unless the machine stalled for a second between SH_NEW and SH_INFO
        long lowest = Math.max(0, (2_000 * MS - elapsed) / (1_000 * MS));
        assertTrue(remaining >= lowest && remaining <= 2, "remaining " + remaining + " after " + elapsed / MS + " ms");
        TimeUnit.MILLISECONDS.sleep(1_100);
        int later = info(token).getJsonObject("expiry").getInt("remaining");
        assertTrue(later >= 0 && later <= 1, "remaining " + later);
    }
}
