package io.nemesisdb.store;

import java.util.ArrayList;
import java.util.List;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.ops.StoreMetrics;
import io.nemesisdb.persist.DatasetException;
import io.nemesisdb.persist.DatasetReader;
import io.nemesisdb.persist.RestoredSessions;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.persist.SavedSession;
import io.nemesisdb.persist.SessionsSnapshot;
import io.nemesisdb.persist.Snapshot;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.session.Expiry;
import io.nemesisdb.session.RestoredSession;
import io.nemesisdb.session.Session;
import io.nemesisdb.session.SessionStore;

/**
 * Sessions mode's store: a key space per session, held by the {@link SessionStore}. A request's
 * key space is the session its {@code tkn} names, whose idle clock every {@code KV_} command
 * restarts; an unknown or expired session is 100. A load reads, parses and checks the whole
 * dataset before the first session is restored, so a corrupt dataset restores nothing.
 */
final class SessionsModeStore implements Store {

    private final SessionStore sessions;

    SessionsModeStore(SessionStore sessions, StoreMetrics metrics) {
        this.sessions = sessions;
        sessions.onExpiry(() -> metrics.sessionsExpired(1));
    }

    @Override
    public Mode mode() {
        return Mode.SESSIONS;
    }

    @Override
    public KeySpaceOperations find(CommandContext context) {
        Session session = sessions.access(context.token());
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

    @Override
    public boolean hasSessions() {
        return true;
    }

    @Override
    public long sessions() {
        return sessions.totals().sessions();
    }

    @Override
    public long keys() {
        return sessions.totals().keys();
    }

    @Override
    public Snapshot snapshot() {
        return SessionsSnapshot.of(sessions.snapshotAll());
    }

    @Override
    public Snapshot snapshot(List<Long> tokens) {
        return SessionsSnapshot.of(sessions.snapshot(tokens));
    }

    @Override
    public Restored restore(DatasetReader reader, SaveName name) throws DatasetException {
        List<SavedSession> saved = reader.readSessions(name);
        RestoredSessions.check(saved, name);
        List<RestoredSession> toRestore = new ArrayList<>(saved.size());
        long keys = 0;
        for (SavedSession session : saved) {
            if (sessions.exists(session.token())) {
                continue;
            }
            toRestore.add(new RestoredSession(session.token(), session.shared(), session.name(),
                    new Expiry(session.durationSeconds(), session.deleteSession()), session.keys(), session.values()));
            keys += session.keyCount();
        }
        int restored = sessions.restore(toRestore);
        return new Restored(restored, keys);
    }

    @Override
    public boolean expires() {
        return true;
    }

    @Override
    public int sweepExpired() {
        return sessions.sweep();
    }
}
