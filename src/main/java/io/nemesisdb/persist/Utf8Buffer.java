package io.nemesisdb.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import io.nemesisdb.protocol.Utf8Length;

/**
 * A growable byte buffer that encodes JSON text to UTF-8 without intermediate strings. The text
 * comes from {@link io.nemesisdb.protocol.JsonText}, which writes a surrogate without its pair as a
 * {@code \\uXXXX} escape, so every surrogate met here is half of a pair.
 */
final class Utf8Buffer {

    private byte[] bytes;
    private int length;

    Utf8Buffer(int capacity) {
        bytes = new byte[capacity];
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    /** Appends {@code text} encoded as UTF-8. */
    void append(CharSequence text) {
        append(text, Math.toIntExact(Utf8Length.of(text)));
    }

    /** Appends {@code text}, whose {@link Utf8Length} is {@code encodedLength}, encoded as UTF-8. */
    void append(CharSequence text, int encodedLength) {
        int n = text.length();
        ensure(encodedLength);
        byte[] b = bytes;
        int p = length;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        length = p;
    }

    /** Writes the content to {@code channel} and empties the buffer. */
    void drainTo(FileChannel channel) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes, 0, length);
        while (out.hasRemaining()) {
            channel.write(out);
        }
        length = 0;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            byte[] grown = new byte[Math.max(bytes.length * 2, length + extra)];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
    }
}
