package io.nemesisdb.commands;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.protocol.Status;

/** The reply of an SH_ command whose token names no session (100). */
final class SessionNotFound {

    private SessionNotFound() {
    }

    static void reply(CommandContext context) {
        context.fail(Status.SESSION_NOT_EXIST, "no session with this token");
    }
}
