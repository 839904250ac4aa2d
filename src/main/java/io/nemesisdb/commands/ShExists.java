package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.ARRAY;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Param;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.protocol.Token;
import io.nemesisdb.session.Sessions;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** SH_EXISTS (API.md 5): which of the listed tokens name a session; items that are no token are skipped. */
final class ShExists extends Command.Direct<ShExists.Request> {

    private static final Param TKNS = required("tkns", ARRAY);
    private static final CommandSpec SPEC = CommandSpec.command("SH_EXISTS").modes(Mode.SESSIONS).reads().params(TKNS).build();

    record Request(JsonArray tokens) {
    }

    private final Sessions sessions;

    ShExists(Sessions sessions) {
        super(SPEC);
        this.sessions = sessions;
    }

    @Override
    public Request parse(JsonObject body) {
        return new Request(body.getJsonArray(TKNS.name()));
    }

    @Override
    public void execute(CommandContext context, Request request) {
        Reply reply = context.reply(Status.OK).beginArray("exist");
        boolean first = true;
        for (JsonValue item : request.tokens()) {
            Long token = Token.parse(item);
            if (token != null && sessions.exists(token)) {
                reply.unsignedElement(first, token);
                first = false;
            }
        }
        context.send(reply.endArray());
    }
}
