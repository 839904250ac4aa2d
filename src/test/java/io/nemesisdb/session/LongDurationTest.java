package io.nemesisdb.session;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An SH_NEW expiry duration of a million digits and more is refused with 41 at once. Read as a
 * BigInteger, it took 12 s for a million digits and about two minutes for three million.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
@AddConfig(key = "nemesis.max-payload", value = "4000000")
class LongDurationTest {

    private SessionClient client;

    @BeforeEach
    void connect() throws Exception {
        client = SessionClient.connect();
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    private String newSession(String duration) throws Exception {
        return client.request("{\"SH_NEW\":{\"name\":\"long\",\"expiry\":{\"duration\":" + duration + ",\"deleteSession\":true}}}");
    }

    @Test
    void aDurationOfMillionsOfDigitsIsRefusedWith41Quickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertReply("{\"SH_NEW_RSP\":{\"st\":41}}", newSession("9".repeat(1_000_000)));
            assertReply("{\"SH_NEW_RSP\":{\"st\":41}}", newSession("1" + "0".repeat(3_000_000)));
        }, "a BigInteger of a million digits took 12 s");
    }

    @Test
    void theLongestDurationIsTakenAndOneMoreIsNot() throws Exception {
        assertEquals(1, Replies.status(newSession("9223372036"), "SH_NEW_RSP"));
        assertReply("{\"SH_NEW_RSP\":{\"st\":41}}", newSession("9223372037"));
        assertReply("{\"SH_NEW_RSP\":{\"st\":41}}", newSession("18446744073709551616"));
        assertReply("{\"SH_NEW_RSP\":{\"st\":41}}", newSession("999999999999999999"));
    }
}
