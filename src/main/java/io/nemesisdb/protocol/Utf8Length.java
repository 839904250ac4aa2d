package io.nemesisdb.protocol;

/**
 * The size of text in UTF-8 bytes, counted without encoding it: for the payload limit, byte
 * metrics and data files. A surrogate without its pair counts as the 3 bytes of U+FFFD (text the
 * server writes never holds one: {@link JsonText} escapes it).
 */
public final class Utf8Length {

    private Utf8Length() {
    }

    public static long of(CharSequence text) {
        int chars = text.length();
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
        return bytes;
    }
}
