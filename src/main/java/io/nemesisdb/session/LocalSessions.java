package io.nemesisdb.session;

import io.nemesisdb.kv.KeySpaceOperations;

/** {@link Sessions} held in this process, by the {@link SessionStore}. */
public final class LocalSessions implements Sessions {

    private final SessionStore store;

    public LocalSessions(SessionStore store) {
        this.store = store;
    }

    @Override
    public long createPrivate(Expiry expiry) {
        return store.createPrivate(expiry).token();
    }

    @Override
    public NewShared createShared(String name, Expiry expiry) {
        SessionStore.NewShared outcome = store.createShared(name, expiry);
        return new NewShared(outcome.created() != null ? outcome.created().token() : null, outcome.nameInUse());
    }

    @Override
    public Long findShared(String name) {
        Session session = store.findShared(name);
        return session != null ? session.token() : null;
    }

    @Override
    public Info info(long token) {
        Session session = store.find(token);
        if (session == null) {
            return null;
        }
        try {
            return new Info(token, session.shared(), session.keySpace().count(), session.expiry(),
                    session.remainingSeconds(store.now()));
        } catch (KeySpaceOperations.Closed ended) {
            return null;
        }
    }

    @Override
    public boolean exists(long token) {
        return store.exists(token);
    }

    @Override
    public boolean end(long token) {
        return store.end(token);
    }

    @Override
    public int endAll() {
        return store.endAll();
    }

    @Override
    public Totals totals() {
        return store.totals();
    }
}
