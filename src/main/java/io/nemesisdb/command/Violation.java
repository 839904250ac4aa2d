package io.nemesisdb.command;

import io.nemesisdb.protocol.Status;

/**
 * A request that breaks a rule of its command's parameters: the status to reply and a message
 * naming the problem. Returned by parameter checks, thrown by {@link Command#parse}; without a
 * stack trace, since it is an expected outcome.
 */
public final class Violation extends RuntimeException {

    private final Status status;

    public Violation(Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public String message() {
        return getMessage();
    }
}
