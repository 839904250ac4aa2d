package io.nemesisdb.persist;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

import io.nemesisdb.json.Utf8;

/**
 * Strict UTF-8 decoding of a data file for the JSON parser. Each chunk read is validated by
 * {@link Utf8} up to its last complete sequence, then decoded without further checks, eight
 * ASCII bytes at a time. It does what an {@code InputStreamReader} with a reporting decoder does,
 * in about half the time on text that is mostly ASCII with a little else in every value (where
 * the JDK's decoder leaves its ASCII fast path at the first non-ASCII byte for good).
 */
final class Utf8Reader extends Reader {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final int LONGEST_SEQUENCE = 4;

    private final InputStream in;
    private final byte[] bytes;
    /** The next byte to decode. */
    private int position;
    /** The end of the validated bytes: only complete sequences lie before it. */
    private int valid;
    /** The end of the bytes read. */
    private int limit;
    /** How many bytes of the stream lie before {@code bytes[0]}, for error messages. */
    private long offset;
    private boolean endOfInput;
    /** The second half of a surrogate pair the last read had no room for, or 0. */
    private char pendingLow;

    Utf8Reader(InputStream in, int bufferSize) {
        if (bufferSize < 2 * LONGEST_SEQUENCE) {
            throw new IllegalArgumentException("buffer of " + bufferSize + " bytes");
        }
        this.in = in;
        this.bytes = new byte[bufferSize];
    }

    @Override
    public int read(char[] chars, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, chars.length);
        if (len == 0) {
            return 0;
        }
        int at = off;
        int stop = off + len;
        if (pendingLow != 0) {
            chars[at++] = pendingLow;
            pendingLow = 0;
        }
        while (at < stop && (position < valid || refill())) {
            at = decode(chars, at, stop);
        }
        return at == off ? -1 : at - off;
    }

    private int decode(char[] chars, int at, int stop) {
        byte[] b = bytes;
        int p = position;
        int end = valid;
        while (at < stop && p < end) {
            while (p + 8 <= end && at + 8 <= stop && ((long) LONG.get(b, p) & HIGH_BITS) == 0) {
                for (int k = 0; k < 8; k++) {
                    chars[at + k] = (char) b[p + k];
                }
                p += 8;
                at += 8;
            }
            if (at == stop || p == end) {
                break;
            }
            int lead = b[p];
            if (lead >= 0) {
                chars[at++] = (char) lead;
                p++;
            } else if ((lead & 0xE0) == 0xC0) {
                chars[at++] = (char) ((lead & 0x1F) << 6 | b[p + 1] & 0x3F);
                p += 2;
            } else if ((lead & 0xF0) == 0xE0) {
                chars[at++] = (char) ((lead & 0x0F) << 12 | (b[p + 1] & 0x3F) << 6 | b[p + 2] & 0x3F);
                p += 3;
            } else {
                int codePoint = (lead & 0x07) << 18 | (b[p + 1] & 0x3F) << 12 | (b[p + 2] & 0x3F) << 6 | b[p + 3] & 0x3F;
                chars[at++] = Character.highSurrogate(codePoint);
                char low = Character.lowSurrogate(codePoint);
                if (at < stop) {
                    chars[at++] = low;
                } else {
                    pendingLow = low;
                }
                p += 4;
            }
        }
        position = p;
        return at;
    }

    /**
     * Moves the undecoded rest (part of a sequence) to the front, reads more and validates it;
     * false at the end of the input.
     *
     * @throws CharConversionException (with the offset in its message) when the input is not UTF-8
     */
    private boolean refill() throws IOException {
        int rest = limit - position;
        System.arraycopy(bytes, position, bytes, 0, rest);
        offset += position;
        position = 0;
        valid = 0;
        limit = rest;
        while (valid == 0) {
            if (endOfInput) {
                return false;
            }
            int read = in.read(bytes, limit, bytes.length - limit);
            if (read < 0) {
                endOfInput = true;
                valid = limit;
            } else {
                limit += read;
                valid = lastBoundary();
            }
            int invalid = Utf8.firstInvalid(bytes, 0, valid);
            if (invalid >= 0) {
                throw malformed(invalid);
            }
        }
        return true;
    }

    /**
     * The end of the last complete sequence in {@code bytes[0, limit)}: before a lead byte whose
     * sequence runs past the limit, else the limit (malformed bytes are left to validation).
     */
    private int lastBoundary() {
        for (int i = limit - 1; i >= 0 && i >= limit - LONGEST_SEQUENCE; i--) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return i + length > limit ? i : limit;
            }
        }
        return limit;
    }

    private CharConversionException malformed(int index) {
        return new CharConversionException("not UTF-8 at byte " + (offset + index));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
