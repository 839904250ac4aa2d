package io.nemesisdb.protocol;

import jakarta.json.JsonValue;

/**
 * One reply being built: {@code {"<NAME>_RSP":{"st":N, ...members}}}. Members are appended in
 * the order they are added; {@link #finish()} closes the object.
 */
public final class Reply {

    /** Room for a typical reply, such as a KV_GET of one key with a 64-character value, without regrowing (measured: growth was 40% of the bytes a KV_GET allocated). */
    private final StringBuilder out = new StringBuilder(160);
    private final Status status;
    private boolean hasToken;

    /** @param prefix the reply's opening, as made by {@link #prefix(String)} */
    public Reply(String prefix, Status status) {
        this.status = status;
        out.append(prefix).append(status.code());
    }

    /** The text that opens every reply named {@code replyName}, up to the status value. */
    public static String prefix(String replyName) {
        StringBuilder prefix = new StringBuilder(replyName.length() + 12).append('{');
        JsonText.appendString(prefix, replyName);
        return prefix.append(":{\"st\":").toString();
    }

    public Status status() {
        return status;
    }

    public Reply add(String name, long value) {
        member(name).append(value);
        return this;
    }

    public Reply add(String name, boolean value) {
        member(name).append(value);
        return this;
    }

    public Reply add(String name, String value) {
        JsonText.appendString(member(name), value);
        return this;
    }

    public Reply add(String name, JsonValue value) {
        JsonText.appendValue(member(name), value);
        return this;
    }

    /** Adds {@code "tkn"}: an unsigned 64-bit token, or {@code null}. */
    public Reply token(Long token) {
        hasToken = true;
        StringBuilder out = member("tkn");
        if (token == null) {
            out.append("null");
        } else {
            out.append(Long.toUnsignedString(token));
        }
        return this;
    }

    public boolean hasToken() {
        return hasToken;
    }

    /** Opens an object member; fill it with {@link #entry}, then {@link #endObject()}. */
    public Reply beginObject(String name) {
        member(name).append('{');
        return this;
    }

    /** Adds a member to the object opened last; {@code first} is true for its first member. */
    public Reply entry(boolean first, String key, JsonValue value) {
        if (!first) {
            out.append(',');
        }
        JsonText.appendString(out, key);
        out.append(':');
        JsonText.appendValue(out, value);
        return this;
    }

    public Reply endObject() {
        out.append('}');
        return this;
    }

    /** Opens an array member; fill it with {@link #element}, then {@link #endArray()}. */
    public Reply beginArray(String name) {
        member(name).append('[');
        return this;
    }

    public Reply element(boolean first, String value) {
        if (!first) {
            out.append(',');
        }
        JsonText.appendString(out, value);
        return this;
    }

    /** Adds an unsigned 64-bit number to the array opened last. */
    public Reply unsignedElement(boolean first, long value) {
        if (!first) {
            out.append(',');
        }
        out.append(Long.toUnsignedString(value));
        return this;
    }

    public Reply endArray() {
        out.append(']');
        return this;
    }

    /** Closes the reply and returns its text. */
    public String finish() {
        return out.append("}}").toString();
    }

    private StringBuilder member(String name) {
        return out.append(",\"").append(name).append("\":");
    }
}
