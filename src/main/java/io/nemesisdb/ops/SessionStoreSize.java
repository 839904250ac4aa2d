package io.nemesisdb.ops;

import io.nemesisdb.protocol.Mode;
import io.nemesisdb.session.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The size of sessions mode's store: live sessions and the keys in all of them, counted at each scrape. */
@ApplicationScoped
public class SessionStoreSize implements StoreSize {

    @Inject
    SessionStore store;

    @Override
    public Mode mode() {
        return Mode.SESSIONS;
    }

    @Override
    public long sessions() {
        return store.totals().sessions();
    }

    @Override
    public long keys() {
        return store.totals().keys();
    }
}
