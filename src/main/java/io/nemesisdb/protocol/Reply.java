package io.nemesisdb.protocol;

import java.util.Arrays;

import io.nemesisdb.json.JsonText;
import jakarta.json.JsonValue;

/**
 * One reply being built: {@code {"<NAME>_RSP":{"st":N, ...members}}}. Members are appended in
 * the order they are added; {@link #finish()} closes the object.
 */
public final class Reply {

    /** Room for a typical reply, such as a KV_GET of one key with a 64-character value, without regrowing (measured: growth was 40% of the bytes a KV_GET allocated). */
    private static final int CAPACITY = 160;

    private final JsonText out = new JsonText(CAPACITY);
    private final Status status;
    private boolean hasToken;
    private boolean finished;

    /** @param prefix the reply's opening, as made by {@link #prefix(String)} */
    public Reply(byte[] prefix, Status status) {
        this.status = status;
        out.raw(prefix).number(status.code());
    }

    /** The UTF-8 text that opens every reply named {@code replyName}, up to the status value. */
    public static byte[] prefix(String replyName) {
        JsonText prefix = new JsonText(replyName.length() + 12).ascii('{').string(replyName).ascii(":{\"st\":");
        return Arrays.copyOf(prefix.bytes(), prefix.length());
    }

    public Status status() {
        return status;
    }

    /** Makes building this reply past {@code maxBytes} fail with {@link JsonText.TooLarge}, before the memory is taken. */
    public Reply limit(int maxBytes) {
        out.limit(maxBytes);
        return this;
    }

    public Reply add(String name, long value) {
        member(name).number(value);
        return this;
    }

    public Reply add(String name, boolean value) {
        member(name).bool(value);
        return this;
    }

    public Reply add(String name, String value) {
        member(name).string(value);
        return this;
    }

    public Reply add(String name, JsonValue value) {
        member(name).value(value);
        return this;
    }

    /** Adds {@code "tkn"}: an unsigned 64-bit token, or {@code null}. */
    public Reply token(Long token) {
        hasToken = true;
        JsonText out = member("tkn");
        if (token == null) {
            out.ascii("null");
        } else {
            out.unsigned(token);
        }
        return this;
    }

    public boolean hasToken() {
        return hasToken;
    }

    /** Opens an object member; fill it with {@link #entry}, then {@link #endObject()}. */
    public Reply beginObject(String name) {
        member(name).ascii('{');
        return this;
    }

    /** Adds a member to the object opened last; {@code first} is true for its first member. */
    public Reply entry(boolean first, String key, JsonValue value) {
        if (!first) {
            out.ascii(',');
        }
        out.string(key).ascii(':').value(value);
        return this;
    }

    public Reply endObject() {
        out.ascii('}');
        return this;
    }

    /** Opens an array member; fill it with {@link #element}, then {@link #endArray()}. */
    public Reply beginArray(String name) {
        member(name).ascii('[');
        return this;
    }

    public Reply element(boolean first, String value) {
        if (!first) {
            out.ascii(',');
        }
        out.string(value);
        return this;
    }

    /** Adds an unsigned 64-bit number to the array opened last. */
    public Reply unsignedElement(boolean first, long value) {
        if (!first) {
            out.ascii(',');
        }
        out.unsigned(value);
        return this;
    }

    public Reply endArray() {
        out.ascii(']');
        return this;
    }

    /** Closes the reply (once); afterwards {@link #utf8()} and {@link #length()} hold its text. */
    public Reply finish() {
        if (!finished) {
            out.ascii("}}");
            finished = true;
        }
        return this;
    }

    /** The buffer holding the finished reply's UTF-8 text in its first {@link #length()} bytes. */
    public byte[] utf8() {
        return out.bytes();
    }

    public int length() {
        return out.length();
    }

    /** The finished reply's text. */
    public String text() {
        return out.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    private JsonText member(String name) {
        return out.ascii(",\"").ascii(name).ascii("\":");
    }
}
