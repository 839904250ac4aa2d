package io.nemesisdb.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SharedTokenTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "sesh1, 13398186314930249707",
            "shared1, 15992824868599950585",
            "user, 6731752792057109737",
            "b, 10910374442705604605",
            "é, 15810026361780424701",
            "a-much-longer-session-name-over-8-bytes, 13257591462412344507"})
    void tokenOfNameMatchesTheProtocolTestVector(String name, String expected) {
        assertEquals(expected, Long.toUnsignedString(SharedToken.of(name)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sesh1", "user", "'x'", "'0123456789abcdef'"})
    void everySharedTokenHasTheSharedForm(String name) {
        assertTrue(SharedToken.hasSharedForm(SharedToken.of(name)));
    }
}
