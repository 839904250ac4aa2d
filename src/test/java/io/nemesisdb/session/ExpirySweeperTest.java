package io.nemesisdb.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The background sweep returns the memory of expired sessions that nobody looks up. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
@AddConfig(key = "nemesis.sessions.sweep-interval-ms", value = "50")
class ExpirySweeperTest {

    @Inject
    SessionStore store;

    @Test
    void sweepRemovesIdleExpiredSessionsWithoutAnyLookup() throws Exception {
        try (SessionClient client = SessionClient.connect()) {
            client.request("{\"SH_END_ALL\":{}}");
            for (int i = 0; i < 20; i++) {
                client.newSession("idle", ",\"expiry\":{\"duration\":1,\"deleteSession\":true}");
            }
            client.newSession("kept", "");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.size() > 1 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals(1, store.size());
    }
}
