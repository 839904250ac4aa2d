package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.STRING;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Param;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.session.Sessions;
import jakarta.json.JsonObject;

/** SH_OPEN (API.md 5): the token of the shared session {@code name}, without touching its idle clock. */
final class ShOpen extends Command.Direct<ShOpen.Request> {

    private static final Param NAME = required("name", STRING).nonEmpty();
    private static final CommandSpec SPEC = CommandSpec.command("SH_OPEN").modes(Mode.SESSIONS).writes().params(NAME).build();

    record Request(String name) {
    }

    private final Sessions sessions;

    ShOpen(Sessions sessions) {
        super(SPEC);
        this.sessions = sessions;
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(body.getString(NAME.name()));
    }

    @Override
    public void execute(CommandContext context, Request request) {
        String name = request.name();
        Long token = sessions.findShared(name);
        if (token == null) {
            context.send(context.reply(Status.SESSION_OPEN_FAIL).add("name", name)
                    .add("m", "no shared session with this name").token(null));
            return;
        }
        context.send(context.reply(Status.OK).add("name", name).token(token));
    }
}
