package io.nemesisdb.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding agrees with the JDK's on any text, however the input arrives and however little the
 * caller reads at a time; malformed input fails with its offset wherever it lies.
 */
class Utf8ReaderTest {

    private static final String[] PIECES = {"a", "plain ascii run ", "é", "Zürich", "€", "😀", "\u0800", "\uFFFD", "\u07FF", "\uD83D\uDE00x"};

    /** An input stream that hands out at most {@code step} bytes per read. */
    private static InputStream trickle(byte[] bytes, int step) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static String readAll(InputStream in, int bufferSize, int charsPerRead) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Utf8Reader reader = new Utf8Reader(in, bufferSize)) {
            char[] chars = new char[charsPerRead];
            int read;
            while ((read = reader.read(chars, 0, chars.length)) >= 0) {
                assertTrue(read > 0, "a read of a non-empty buffer returns at least one char before the end");
                text.append(chars, 0, read);
            }
        }
        return text.toString();
    }

    private static String randomText(long seed, int pieces) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 64, 4096})
    void decodesAsTheJdkDoesWhateverTheChunking(int step) throws IOException {
        for (int s = 0; s < 20; s++) {
            long seed = s;
            String text = randomText(seed, 300);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int bufferSize : new int[] {8, 9, 13, 64, 65_536}) {
                for (int charsPerRead : new int[] {1, 2, 7, 8, 1024}) {
                    assertEquals(text, readAll(trickle(bytes, step), bufferSize, charsPerRead),
                            () -> "seed " + seed + ", buffer " + bufferSize + ", chars per read " + charsPerRead);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"FF", "C328", "C0AF", "E080AF", "EDA080", "F4908080", "E282", "F09F98", "80", "F8888080"})
    void rejectsMalformedInputWithItsOffset(String hex) {
        byte[] bad = HexFormat.of().parseHex(hex);
        for (int prefix : new int[] {0, 3, 8, 17, 70_000}) {
            byte[] bytes = Arrays.copyOf("x".repeat(prefix).getBytes(StandardCharsets.US_ASCII), prefix + bad.length + 1);
            System.arraycopy(bad, 0, bytes, prefix, bad.length);
            boolean truncated = hex.equals("E282") || hex.equals("F09F98");
            if (truncated) {
                bytes = Arrays.copyOf(bytes, prefix + bad.length); // cut off by the end of the input
            } else {
                bytes[bytes.length - 1] = 'y';
            }
            byte[] input = bytes;
            for (int step : new int[] {1, 5, 100_000}) {
                CharConversionException e = assertThrows(CharConversionException.class,
                        () -> readAll(trickle(input, step), 64, 16), () -> hex + " after " + prefix);
                assertEquals("not UTF-8 at byte " + prefix, e.getMessage(), () -> hex + " after " + prefix + ", step " + step);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void emptyAndTinyInputs(int length) throws IOException {
        byte[] bytes = "z".repeat(length).getBytes(StandardCharsets.US_ASCII);
        assertEquals("z".repeat(length), readAll(new ByteArrayInputStream(bytes), 8, 4));
    }
}
