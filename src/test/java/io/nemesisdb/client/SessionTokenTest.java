package io.nemesisdb.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/** Tokens keep all 64 bits, above 2^63 too, and read and write the protocol's forms. */
class SessionTokenTest {

    @Test
    void tokensAbove2To63KeepEveryDigit() {
        SessionToken max = SessionToken.of("18446744073709551615");
        assertEquals(-1L, max.bits());
        assertEquals("18446744073709551615", max.toString());
        assertEquals("18446744073709551615", max.toJson().toString());
        assertEquals(new BigInteger("18446744073709551615"), max.toBigInteger());
        SessionToken shared = SessionToken.fromJson(Json.createValue(new BigInteger("15992824868599950585")));
        assertEquals("15992824868599950585", shared.toString());
        assertEquals(shared, SessionToken.fromJson(Json.createValue("15992824868599950585")));
        assertEquals(shared, SessionToken.ofBits(shared.bits()));
        assertTrue(SessionToken.of("9223372036854775807").compareTo(SessionToken.of("9223372036854775808")) < 0);
    }

    @Test
    void malformedTokensAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SessionToken.of("18446744073709551616"));
        assertThrows(IllegalArgumentException.class, () -> SessionToken.of("-1"));
        assertThrows(IllegalArgumentException.class, () -> SessionToken.of(""));
        assertThrows(IllegalArgumentException.class, () -> SessionToken.of("1e3"));
        assertThrows(ArithmeticException.class, () -> SessionToken.fromJson(Json.createValue(1.5)));
    }
}
