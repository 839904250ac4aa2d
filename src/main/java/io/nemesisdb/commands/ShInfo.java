package io.nemesisdb.commands;

import io.nemesisdb.command.Command;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.command.CommandSpec;
import io.nemesisdb.command.Scope;
import io.nemesisdb.json.LiteralNumber;
import io.nemesisdb.kv.KeySpace;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.session.Expiry;
import io.nemesisdb.session.Session;
import io.nemesisdb.session.SessionStore;
import jakarta.json.JsonValue;

/** SH_INFO (API.md 5): the session's sharing, key count and expiry, without touching its idle clock. */
final class ShInfo extends Command.Direct<Void> {

    private static final CommandSpec SPEC = CommandSpec.command("SH_INFO").modes(Mode.SESSIONS).reads().scope(Scope.SESSION).build();

    private final SessionStore store;

    ShInfo(SessionStore store) {
        super(SPEC);
        this.store = store;
    }

    @Override
    public void execute(CommandContext context, Void request) {
        Session session = store.find(context.token());
        int keyCount;
        try {
            keyCount = session == null ? -1 : session.keySpace().count();
        } catch (KeySpace.Closed ended) {
            keyCount = -1;
        }
        if (keyCount < 0) {
            SessionNotFound.reply(context);
            return;
        }
        Reply reply = context.reply(Status.OK).token(session.token())
                .add("shared", session.shared())
                .add("keyCnt", keyCount)
                .add("expires", session.expires());
        if (session.expires()) {
            Expiry expiry = session.expiry();
            reply.beginObject("expiry")
                    .entry(true, "duration", number(expiry.durationSeconds()))
                    .entry(false, "remaining", number(session.remainingSeconds(store.now())))
                    .entry(false, "deleteSession", expiry.deleteSession() ? JsonValue.TRUE : JsonValue.FALSE)
                    .endObject();
        }
        context.send(reply);
    }

    private static JsonValue number(long value) {
        return new LiteralNumber(Long.toString(value));
    }
}
