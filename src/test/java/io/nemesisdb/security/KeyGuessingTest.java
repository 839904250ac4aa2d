package io.nemesisdb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.RawHttp;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import org.junit.jupiter.api.Test;

/**
 * An address that sends ten wrong keys within a minute is refused with 429 for the rest of that
 * minute, whatever key it sends next: guessing is held to ten keys a minute per address.
 */
@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.auth.key", value = "the-one-key-0123456789")
class KeyGuessingTest {

    @Test
    void tenWrongKeysHoldTheAddressOffForTheRestOfTheMinute() throws Exception {
        for (int i = 0; i < FailedAttempts.LIMIT; i++) {
            assertEquals(401, RawHttp.exchange(TestServer.port(),
                    RawHttp.handshake("GET / HTTP/1.1", "Authorization: Bearer guess-" + i)).status());
        }
        RawHttp.Response held = RawHttp.exchange(TestServer.port(),
                RawHttp.handshake("GET / HTTP/1.1", "Authorization: Bearer the-one-key-0123456789"));
        assertEquals(429, held.status());
        long retryAfter = Long.parseLong(held.headers().get("retry-after"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, () -> "Retry-After " + retryAfter);
    }
}
