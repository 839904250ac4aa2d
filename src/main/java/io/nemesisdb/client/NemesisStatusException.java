package io.nemesisdb.client;

import io.nemesisdb.protocol.Status;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * The server answered a request with an error status: {@link #st()} is the number, {@link #status()}
 * its name in the server's own status enum, {@link #m()} the server's message (for people: the text
 * may change between versions), {@link #reply()} the whole reply.
 */
public final class NemesisStatusException extends NemesisException {

    private final String command;
    private final int st;
    private final String m;
    private final JsonObject reply;

    NemesisStatusException(String command, int st, String m, JsonObject reply, String note) {
        super(command + " failed with " + st + " " + name(st) + (m == null ? "" : ": " + m) + (note == null ? "" : " (" + note + ")"), null);
        this.command = command;
        this.st = st;
        this.m = m;
        this.reply = reply;
    }

    /** The exception for {@code reply} (the body of {@code <command>_RSP} or of {@code ERR}). */
    static NemesisStatusException of(String command, JsonObject reply, String note) {
        int st = reply.getInt("st", Status.UNKNOWN.code());
        return new NemesisStatusException(command, st, reply.get("m") instanceof JsonString text ? text.getString() : null, reply, note);
    }

    private static String name(int st) {
        Status status = Status.of(st);
        return status == null ? "(a status this client does not know)" : status.name();
    }

    /** The command that failed, such as {@code KV_GET}. */
    public String command() {
        return command;
    }

    /** The status number. */
    public int st() {
        return st;
    }

    /** The status by name, or null when it is a number this client does not know (a newer server). */
    public Status status() {
        return Status.of(st);
    }

    /** The server's message, or null when the reply had none. */
    public String m() {
        return m;
    }

    /** The reply's body, {@code {"st":…,"m":…,…}}. */
    public JsonObject reply() {
        return reply;
    }
}
