package io.nemesisdb.json;

import java.nio.charset.StandardCharsets;

import jakarta.json.JsonValue;

/**
 * Reads one JSON text (RFC 8259, strictly) from its UTF-8 bytes into the compact values:
 * {@link CompactObject}s, {@link CompactArray}s, {@link LiteralNumber}s that keep their text, and
 * {@link Utf8String}s, which a plain ASCII string becomes by one copy of its bytes. Requests are
 * read this way: a generic parser working on characters cost more than the rest of a
 * {@code KV_GET} together (performance.md). Containers are read without recursion, so the
 * nesting a text may have is bounded by {@code maxDepth}, never by a thread's stack.
 *
 * <p>The caller reads the top level itself, through {@link #startObject()}, {@link #nextMember()},
 * {@link #memberName()} and {@link #value(int)}, or takes a whole value with {@link #value(int)},
 * then calls {@link #end()}. The bytes must be valid UTF-8 (the transports check that first);
 * everything else is checked here. One reader reads one text, on one thread.
 */
public final class JsonBytesReader {

    /** The text is not valid JSON, or nests deeper than allowed; the message says where. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message, int offset) {
            super(message + " at byte " + offset, null, false, false);
        }
    }

    private static final int JUST_OPENED = 0;
    private static final int AFTER_COMMA = 1;
    private static final int AFTER_VALUE = 2;
    /** Names this deep or less (the command's, and its parameters') come from {@link ContainerStack#recentName}. */
    private static final int RECENT_NAME_DEPTH = 2;

    private final byte[] bytes;
    private final int end;
    private final int maxDepth;
    private int pos;
    private int topLevelState = JUST_OPENED;
    private ContainerStack stack;

    /** A reader of {@code bytes[0..length)} that refuses containers nested more than {@code maxDepth} deep. */
    public JsonBytesReader(byte[] bytes, int length, int maxDepth) {
        this.bytes = bytes;
        this.end = length;
        this.maxDepth = maxDepth;
    }

    /** True when nothing but whitespace is left. */
    public boolean atEnd() {
        skipSpace();
        return pos == end;
    }

    /** True when the next value is an object. */
    public boolean objectNext() {
        skipSpace();
        return pos < end && bytes[pos] == '{';
    }

    /** Consumes the {@code {} that {@link #objectNext()} saw: a top-level object, depth 1. */
    public void startObject() {
        if (maxDepth < 1) {
            throw new Invalid("nested deeper than " + maxDepth, pos);
        }
        pos++;
        topLevelState = JUST_OPENED;
    }

    /** Moves to the top-level object's next member: false when the object has ended. */
    public boolean nextMember() {
        byte c = peek("a member or '}'");
        if (topLevelState == AFTER_VALUE) {
            if (c == '}') {
                pos++;
                return false;
            }
            expect(',', "',' or '}'");
            peek("a member");
        } else if (c == '}' && topLevelState == JUST_OPENED) {
            pos++;
            return false;
        }
        topLevelState = AFTER_VALUE;
        return true;
    }

    /** The top-level member's name, and its {@code :}; its value follows. */
    public String memberName() {
        return nameAndColon(1);
    }

    /** Fails unless nothing but whitespace is left. */
    public void end() {
        if (!atEnd()) {
            throw new Invalid("text after the JSON value", pos);
        }
    }

    /** The next value, inside {@code outerDepth} containers already open. */
    public JsonValue value(int outerDepth) {
        byte c = peek("a value");
        if (c != '{' && c != '[') {
            return scalar(c);
        }
        ContainerStack open = stack();
        int depth = 0;
        open(open, 0, outerDepth, c, null);
        int state = JUST_OPENED;
        while (true) {
            c = peek("a value or the end of a container");
            boolean object = open.isObject(depth);
            byte close = object ? (byte) '}' : (byte) ']';
            if (c == close && state != AFTER_COMMA) {
                pos++;
                JsonValue value = open.finish(depth);
                if (depth == 0) {
                    return value;
                }
                String name = open.nameOf(depth);
                open.add(--depth, name, value);
                state = AFTER_VALUE;
                continue;
            }
            if (state == AFTER_VALUE) {
                expect(',', object ? "',' or '}'" : "',' or ']'");
                state = AFTER_COMMA;
                continue;
            }
            String name = object ? nameAndColon(outerDepth + depth + 1) : null;
            c = peek("a value");
            if (c == '{' || c == '[') {
                open(open, ++depth, outerDepth, c, name);
                state = JUST_OPENED;
            } else {
                open.add(depth, name, scalar(c));
                state = AFTER_VALUE;
            }
        }
    }

    private void open(ContainerStack open, int depth, int outerDepth, byte c, String name) {
        if (outerDepth + depth + 1 > maxDepth) {
            throw new Invalid("nested deeper than " + maxDepth, pos);
        }
        open.start(depth, c == '{', name);
        pos++;
    }

    private JsonValue scalar(byte c) {
        return switch (c) {
            case '"' -> string();
            case 't' -> literal("true", JsonValue.TRUE);
            case 'f' -> literal("false", JsonValue.FALSE);
            case 'n' -> literal("null", JsonValue.NULL);
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    yield number();
                }
                throw new Invalid("unexpected character '" + (char) (c & 0xFF) + "'", pos);
            }
        };
    }

    private ContainerStack stack() {
        if (stack == null) {
            stack = ContainerStack.forRequests();
        }
        return stack;
    }

    /** The name of a member of a container {@code depth} deep, and its {@code :}. */
    private String nameAndColon(int depth) {
        if (peek("a member name") != '"') {
            throw new Invalid("expected a member name", pos);
        }
        int from = ++pos;
        int plainEnd = plainAsciiEnd(from);
        String name;
        if (plainEnd < end && bytes[plainEnd] == '"') {
            name = depth <= RECENT_NAME_DEPTH ? stack().recentName(bytes, from, plainEnd)
                    : new String(bytes, from, plainEnd - from, StandardCharsets.ISO_8859_1);
            pos = plainEnd + 1;
        } else {
            name = decodeString(from, plainEnd);
        }
        expect(':', "':'");
        return name;
    }

    private JsonValue string() {
        int from = ++pos;
        int plainEnd = plainAsciiEnd(from);
        if (plainEnd < end && bytes[plainEnd] == '"') {
            pos = plainEnd + 1;
            return Utf8String.ofText(bytes, from, plainEnd);
        }
        return Utf8String.of(decodeString(from, plainEnd));
    }

    /** Where the run of printable ASCII other than {@code "} and {@code \} that starts at {@code from} ends. */
    private int plainAsciiEnd(int from) {
        int i = from;
        while (i < end) {
            byte b = bytes[i];
            if (b < 0x20 || b >= 0x7F || b == '"' || b == '\\') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The string whose text starts at {@code from}, of which {@code [from..plainEnd)} is plain ASCII; ends after its quote. */
    private String decodeString(int from, int plainEnd) {
        StringBuilder s = new StringBuilder(plainEnd - from + 16);
        s.append(new String(bytes, from, plainEnd - from, StandardCharsets.ISO_8859_1));
        int i = plainEnd;
        int run = i;
        while (true) {
            if (i == end) {
                throw new Invalid("unterminated string", i);
            }
            byte b = bytes[i];
            if (b == '"' || b == '\\') {
                s.append(new String(bytes, run, i - run, StandardCharsets.UTF_8));
                if (b == '"') {
                    pos = i + 1;
                    return s.toString();
                }
                i = escape(i, s);
                run = i;
            } else if (b >= 0 && b < 0x20) {
                throw new Invalid("control character in a string", i);
            } else {
                i++;
            }
        }
    }

    /** Appends the escape at {@code at} (a backslash); returns where the text goes on. */
    private int escape(int at, StringBuilder s) {
        if (at + 1 == end) {
            throw new Invalid("unterminated string", at);
        }
        switch (bytes[at + 1]) {
            case '"' -> s.append('"');
            case '\\' -> s.append('\\');
            case '/' -> s.append('/');
            case 'b' -> s.append('\b');
            case 'f' -> s.append('\f');
            case 'n' -> s.append('\n');
            case 'r' -> s.append('\r');
            case 't' -> s.append('\t');
            case 'u' -> {
                if (at + 6 > end) {
                    throw new Invalid("incomplete \\u escape", at);
                }
                int code = 0;
                for (int i = at + 2; i < at + 6; i++) {
                    int digit = Character.digit(bytes[i], 16);
                    if (digit < 0) {
                        throw new Invalid("invalid \\u escape", at);
                    }
                    code = code << 4 | digit;
                }
                s.append((char) code);
                return at + 6;
            }
            default -> throw new Invalid("invalid escape", at);
        }
        return at + 2;
    }

    /** A number by RFC 8259's grammar: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
    private JsonValue number() {
        int from = pos;
        int i = pos;
        if (bytes[i] == '-') {
            i++;
        }
        if (i < end && bytes[i] == '0') {
            i++;
        } else {
            i = digits(i, from);
        }
        if (i < end && bytes[i] == '.') {
            i = digits(i + 1, from);
        }
        if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
                i++;
            }
            i = digits(i, from);
        }
        if (i < end && (bytes[i] >= '0' && bytes[i] <= '9' || bytes[i] == '.' || bytes[i] == 'e' || bytes[i] == 'E'
                || bytes[i] == '+' || bytes[i] == '-')) {
            throw new Invalid("invalid number", from); // a leading zero, or a second fraction or exponent
        }
        pos = i;
        return LiteralNumber.of(new String(bytes, from, i - from, StandardCharsets.ISO_8859_1));
    }

    /** The end of the one or more digits at {@code i}. */
    private int digits(int i, int numberStart) {
        int start = i;
        while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
            i++;
        }
        if (i == start) {
            throw new Invalid("invalid number", numberStart);
        }
        return i;
    }

    private JsonValue literal(String word, JsonValue value) {
        int n = word.length();
        if (end - pos < n) {
            throw new Invalid("invalid literal", pos);
        }
        for (int i = 0; i < n; i++) {
            if (bytes[pos + i] != word.charAt(i)) {
                throw new Invalid("invalid literal", pos);
            }
        }
        pos += n;
        if (pos < end && isWordByte(bytes[pos])) {
            throw new Invalid("invalid literal", pos);
        }
        return value;
    }

    private static boolean isWordByte(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b < 0;
    }

    private void skipSpace() {
        while (pos < end) {
            byte b = bytes[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    /** The next byte after whitespace, not consumed; fails at the end of the text. */
    private byte peek(String expected) {
        skipSpace();
        if (pos == end) {
            throw new Invalid("unexpected end of text, expected " + expected, pos);
        }
        return bytes[pos];
    }

    private void expect(char c, String expected) {
        if (peek(expected) != c) {
            throw new Invalid("expected " + expected, pos);
        }
        pos++;
    }
}
