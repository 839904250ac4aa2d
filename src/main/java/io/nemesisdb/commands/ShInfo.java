package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Scope;
import io.nemesisdb.json.LiteralNumber;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.session.Expiry;
import io.nemesisdb.session.Sessions;
import jakarta.json.JsonValue;

/** SH_INFO (API.md 5): the session's sharing, key count and expiry, without touching its idle clock. */
final class ShInfo extends Command.Direct<Void> {

    private static final CommandSpec SPEC = CommandSpec.command("SH_INFO").modes(Mode.SESSIONS).reads().scope(Scope.SESSION).build();

    private final Sessions sessions;

    ShInfo(Sessions sessions) {
        super(SPEC);
        this.sessions = sessions;
    }

    @Override
    public void execute(CommandContext context, Void request) {
        Sessions.Info session = sessions.info(context.token());
        if (session == null) {
            SessionNotFound.reply(context);
            return;
        }
        Reply reply = context.reply(Status.OK).token(session.token())
                .add("shared", session.shared())
                .add("keyCnt", session.keyCount())
                .add("expires", session.expiry().expires());
        if (session.expiry().expires()) {
            Expiry expiry = session.expiry();
            reply.beginObject("expiry")
                    .entry(true, "duration", number(expiry.durationSeconds()))
                    .entry(false, "remaining", number(session.remainingSeconds()))
                    .entry(false, "deleteSession", expiry.deleteSession() ? JsonValue.TRUE : JsonValue.FALSE)
                    .endObject();
        }
        context.send(reply);
    }

    private static JsonValue number(long value) {
        return new LiteralNumber(Long.toString(value));
    }
}
