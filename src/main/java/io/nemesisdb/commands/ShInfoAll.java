package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.session.Sessions;

/** SH_INFO_ALL (API.md 5): how many sessions and keys there are; expensive, as it visits every session. */
final class ShInfoAll extends Command.Direct<Void> {

    private static final CommandSpec SPEC = CommandSpec.command("SH_INFO_ALL").modes(Mode.SESSIONS).expensive().build();

    private final Sessions sessions;

    ShInfoAll(Sessions sessions) {
        super(SPEC);
        this.sessions = sessions;
    }

    @Override
    public void execute(CommandContext context, Void request) {
        Sessions.Totals totals = sessions.totals();
        context.send(context.reply(Status.OK).add("totalSessions", totals.sessions()).add("totalKeys", totals.keys()));
    }
}
