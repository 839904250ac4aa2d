package io.nemesisdb.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Strict UTF-8 validation, including malformed bytes after a run of ASCII long enough for the
 * word-wise skip; and encoded sizes.
 */
class Utf8Test {

    private static boolean valid(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Utf8.isValid(b, 0, b.length);
    }

    @Test
    void acceptsWellFormedText() {
        byte[] text = "plain ascii text, then é € 😀 and more ascii".getBytes(StandardCharsets.UTF_8);
        assertTrue(Utf8.isValid(text, 0, text.length));
        assertTrue(valid());
    }

    @Test
    void rejectsMalformedSequences() {
        assertFalse(valid(0xFF), "never valid byte");
        assertFalse(valid(0xC3, 0x28), "bad continuation");
        assertFalse(valid(0xC0, 0xAF), "overlong slash");
        assertFalse(valid(0xE0, 0x80, 0xAF), "overlong three bytes");
        assertFalse(valid(0xED, 0xA0, 0x80), "surrogate");
        assertFalse(valid(0xF4, 0x90, 0x80, 0x80), "above U+10FFFF");
        assertFalse(valid(0xE2, 0x82), "truncated at the end");
        assertFalse(valid('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 0xFF), "after eight ASCII bytes");
        assertFalse(valid('a', 'b', 'c', 'd', 'e', 'f', 'g', 0xFF, 'i'), "inside the first word");
    }

    @Test
    void countsTheBytesOfEachEncodingLength() {
        assertEquals(1 + 2 + 3 + 4, Utf8.length("aé€😀"));
        assertEquals("aé€😀".getBytes(StandardCharsets.UTF_8).length, Utf8.length(new StringBuilder("aé€😀")));
    }

    @Test
    void countsASurrogateWithoutItsPairAsTheReplacementCharacter() {
        assertEquals(3, Utf8.length("\uD800"));
        assertEquals(1 + 3 + 1, Utf8.length("a\uDC00b"));
    }
}
