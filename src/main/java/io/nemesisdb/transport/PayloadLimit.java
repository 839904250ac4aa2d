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
        return Utf8.encodedLength(text) > maxBytes;
    }
}
