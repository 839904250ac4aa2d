package io.nemesisdb.session;

import java.nio.charset.StandardCharsets;

/**
 * The token of a shared session, derived from its name so that every client and every server
 * (NemesisDB 0.6.4 included) finds the same one: libstdc++'s 64-bit {@code _Hash_bytes} of the
 * name's UTF-8 bytes, OR a fixed mask (protocol section 8).
 */
public final class SharedToken {

    /** Set in every shared token. */
    static final long MASK = 0x016069317E428CA9L;

    private static final long MUL = 0xC6A4A7935BD1E995L;
    private static final long SEED = 0xC70F6907L;

    private SharedToken() {
    }

    /** The token of the shared session named {@code name}. */
    public static long of(String name) {
        return hash(name.getBytes(StandardCharsets.UTF_8)) | MASK;
    }

    /** True when {@code token} could be a shared token: all bits of the mask are set. */
    public static boolean hasSharedForm(long token) {
        return (token & MASK) == MASK;
    }

    /** libstdc++'s {@code _Hash_bytes} for 64-bit {@code size_t} (MurmurHash64A variant). */
    static long hash(byte[] bytes) {
        int length = bytes.length;
        int whole = length & ~7;
        long h = SEED ^ (length * MUL);
        for (int i = 0; i < whole; i += 8) {
            long d = shiftMix(littleEndian(bytes, i, 8) * MUL) * MUL;
            h = (h ^ d) * MUL;
        }
        if ((length & 7) != 0) {
            h = (h ^ littleEndian(bytes, whole, length & 7)) * MUL;
        }
        return shiftMix(shiftMix(h) * MUL);
    }

    private static long shiftMix(long v) {
        return v ^ (v >>> 47);
    }

    private static long littleEndian(byte[] bytes, int from, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[from + i] & 0xFFL);
        }
        return value;
    }
}
