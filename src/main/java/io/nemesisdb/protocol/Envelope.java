package io.nemesisdb.protocol;

import jakarta.json.JsonValue;

/**
 * A request message after the envelope checks that need no command knowledge: either the
 * command name and its value, or the status of the first check that failed.
 *
 * @param command the command name, or {@code null} when rejected
 * @param body the command's value (any JSON type: the command check comes later)
 * @param error the status of the failed check, or {@code null}
 * @param message what was wrong, for {@code "m"}
 */
public record Envelope(String command, JsonValue body, Status error, String message) {

    static Envelope of(String command, JsonValue body) {
        return new Envelope(command, body, null, null);
    }

    static Envelope rejected(Status error, String message) {
        return new Envelope(null, null, error, message);
    }

    public boolean isRejected() {
        return error != null;
    }
}
