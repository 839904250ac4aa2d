package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.session.Sessions;

/** SH_END_ALL (API.md 5): ends every session and replies how many there were; expensive, as it visits every session. */
final class ShEndAll extends Command.Direct<Void> {

    private static final CommandSpec SPEC = CommandSpec.command("SH_END_ALL").modes(Mode.SESSIONS).expensive().build();

    private final Sessions sessions;

    ShEndAll(Sessions sessions) {
        super(SPEC);
        this.sessions = sessions;
    }

    @Override
    public void execute(CommandContext context, Void request) {
        context.send(context.reply(Status.OK).add("cnt", sessions.endAll()));
    }
}
