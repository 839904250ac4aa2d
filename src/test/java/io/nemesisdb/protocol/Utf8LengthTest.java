package io.nemesisdb.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Utf8LengthTest {

    @Test
    void countsTheBytesOfEachEncodingLength() {
        assertEquals(1 + 2 + 3 + 4, Utf8Length.of("aé€😀"));
        assertEquals("aé€😀".getBytes(StandardCharsets.UTF_8).length, Utf8Length.of(new StringBuilder("aé€😀")));
    }

    @Test
    void countsASurrogateWithoutItsPairAsTheReplacementCharacter() {
        assertEquals(3, Utf8Length.of("\uD800"));
        assertEquals(1 + 3 + 1, Utf8Length.of("a\uDC00b"));
    }
}
