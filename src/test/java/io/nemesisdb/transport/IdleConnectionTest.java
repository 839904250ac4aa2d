package io.nemesisdb.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Idle clients stay connected: Helidon closes any connection idle longer than
 * {@code server.idle-connection-timeout} (5 minutes unless set, on either transport), so the
 * server's defaults set it to years.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class IdleConnectionTest {

    @Test
    void defaultIdleTimeoutIsYearsNotMinutes() {
        Duration timeout = Duration.parse(ConfigProvider.getConfig().getValue("server.idle-connection-timeout", String.class));
        assertTrue(timeout.toDays() >= 365, () -> "idle clients would be closed after " + timeout);
    }
}
