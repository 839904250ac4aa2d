package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Scope;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.session.Sessions;

/** SH_END (API.md 5): ends the session of {@code tkn}, with its keys. */
final class ShEnd extends Command.Direct<Void> {

    private static final CommandSpec SPEC = CommandSpec.command("SH_END").modes(Mode.SESSIONS).writes().scope(Scope.SESSION).build();

    private final Sessions sessions;

    ShEnd(Sessions sessions) {
        super(SPEC);
        this.sessions = sessions;
    }

    @Override
    public void execute(CommandContext context, Void request) {
        if (sessions.end(context.token())) {
            context.ok();
        } else {
            SessionNotFound.reply(context);
        }
    }
}
