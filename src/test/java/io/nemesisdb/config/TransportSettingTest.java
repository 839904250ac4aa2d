package io.nemesisdb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The {@code nemesis.transport} setting: its two names, any case, and a clear error otherwise. */
class TransportSettingTest {

    @Test
    void namesTheTransportsInAnyCase() {
        assertEquals(Transport.NETTY, Transport.parse("nemesis.transport", "NETTY"));
        assertEquals(Transport.JAKARTA, Transport.parse("nemesis.transport", "Jakarta"));
    }

    @Test
    void anyOtherValueStopsStartUpNamingTheChoices() {
        SettingsException e = assertThrows(SettingsException.class, () -> Transport.parse("nemesis.transport", "tyrus"));
        assertEquals("setting nemesis.transport is 'tyrus', not netty or jakarta", e.getMessage());
    }
}
