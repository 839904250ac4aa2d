package io.nemesisdb.ops;

/** The length of a string in UTF-8 bytes, without encoding it. */
final class Utf8Length {

    private Utf8Length() {
    }

    static long of(String text) {
        int chars = text.length();
        long bytes = chars;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // two bytes up to U+07FF, three above; a surrogate pair is 4 bytes for 2 chars
                bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }
}
