package io.nemesisdb.support;

import java.util.ArrayList;
import java.util.List;

/** Member and key names that defeat naive hash tables, and JSON objects made of them. */
public final class CollidingNames {

    private CollidingNames() {
    }

    /**
     * Two-character pieces that all add the same to a {@code String.hashCode}: "Aa", "BB", "C#" and
     * 27 more whose second character lies between U+0080 and U+0441 (31 × c1 + c2 = 2112). The
     * first characters skip '"', '\'' and '/', so that names made of pieces need no escaping in
     * JSON, in a JSONPath string or in a JSON Pointer.
     */
    private static final String[] PIECES = pieces();

    private static String[] pieces() {
        List<String> pieces = new ArrayList<>();
        for (char first = 'C'; first > ' '; first--) {
            if (first != '"' && first != '\'' && first != '/') {
                pieces.add(new String(new char[] {first, (char) (2112 - 31 * first)}));
            }
        }
        return pieces.toArray(String[]::new);
    }

    /**
     * {@code count} distinct names of one {@code String.hashCode}, each made of as few pieces as
     * {@code count} needs (four pieces, eight characters, for up to 810,000 names): any two names
     * of as many pieces have the hash code of "Aa" repeated that many times.
     */
    public static List<String> sameHashCode(int count) {
        int length = 1;
        for (long capacity = PIECES.length; capacity < count; capacity *= PIECES.length) {
            length++;
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder name = new StringBuilder(2 * length);
            for (int piece = 0, rest = i; piece < length; piece++, rest /= PIECES.length) {
                name.append(PIECES[rest % PIECES.length]);
            }
            names.add(name.toString());
        }
        return names;
    }

    /**
     * {@code prefix} followed by 0, 1, 2, … written in base 36 ({@code m0 … mz m10 …}): ordinary names
     * whose hash codes are nearly consecutive and crowd into a narrow range.
     */
    public static List<String> numbered(String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(prefix + Integer.toString(i, 36));
        }
        return names;
    }

    /** The JSON object text {@code {"<names[0]>":0,"<names[1]>":1,…}}; the names need no escaping. */
    public static String objectOfIndexes(List<String> names) {
        StringBuilder text = new StringBuilder(names.size() * (names.get(0).length() + 10)).append('{');
        for (int i = 0; i < names.size(); i++) {
            text.append(i == 0 ? "\"" : ",\"").append(names.get(i)).append("\":").append(i);
        }
        return text.append('}').toString();
    }
}
