package io.nemesisdb.transport;

/** The {@code nemesis.max-payload} check on a decoded text message: its size in UTF-8 bytes. */
final class PayloadLimit {

    private PayloadLimit() {
    }

    /** True when {@code text} encodes to more than {@code maxBytes} bytes of UTF-8. */
    static boolean exceeds(String text, int maxBytes) {
        int chars = text.length();
        if (chars > maxBytes) {
            return true;
        }
        if ((long) chars * 3 <= maxBytes) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > maxBytes;
    }
}
