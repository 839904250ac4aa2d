package io.nemesisdb.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nemesisdb.json.LiteralNumber;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokens are unsigned 64-bit integers sent as numbers or decimal strings. */
class TokenTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "9223372036854775807", "9223372036854775808", "18446744073709551615", "00000000000000000042", "1844674407370955161"})
    void integerLiteralsAndDigitStringsInRangeAreTokens(String digits) {
        long expected = Long.parseUnsignedLong(digits);
        assertEquals(expected, Token.parse(new LiteralNumber(digits)));
        assertEquals(expected, Token.parse(Json.createValue(digits)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.0", "1e3", "10E0", "18446744073709551616", "99999999999999999999999", "18446744073709551620", "36893488147419103231", ""})
    void otherNumbersAreMalformed(String literal) {
        assertNull(Token.parse(literal.isEmpty() ? Json.createValue("") : new LiteralNumber(literal)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "+1", "0x10", "abc", "1.0", "-5"})
    void nonDigitStringsAreMalformed(String text) {
        assertNull(Token.parse(Json.createValue(text)));
    }

    @org.junit.jupiter.api.Test
    void otherTypesAreMalformed() {
        assertNull(Token.parse(null));
        assertNull(Token.parse(JsonValue.NULL));
        assertNull(Token.parse(JsonValue.TRUE));
        assertNull(Token.parse(Json.createArrayBuilder().add(1).build()));
    }
}
