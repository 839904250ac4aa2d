package io.nemesisdb.session;

import io.nemesisdb.ApplicationSingleton;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.kv.KeySpace;
import io.nemesisdb.kv.KeySpaces;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;
import jakarta.inject.Inject;

/**
 * Sessions mode's key spaces: the session named by the request's {@code tkn}, whose idle clock
 * every {@code KV_} command restarts. An unknown or expired session is 100.
 */
@ApplicationSingleton
public class SessionKeySpaces implements KeySpaces {

    @Inject
    SessionStore store;

    @Override
    public Mode mode() {
        return Mode.SESSIONS;
    }

    @Override
    public KeySpace find(CommandContext context) {
        Session session = store.access(context.token());
        if (session == null) {
            replyClosed(context);
            return null;
        }
        return session.keySpace();
    }

    @Override
    public void replyClosed(CommandContext context) {
        context.fail(Status.SESSION_NOT_EXIST, "no session with this token");
    }
}
