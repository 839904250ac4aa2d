package io.nemesisdb.store;

import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.ops.StoreMetrics;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.session.LocalSessions;
import io.nemesisdb.session.SessionStore;
import io.nemesisdb.session.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Chooses the server's {@link Store} once, the only place that does: in cluster mode the grid
 * store of the mode ({@link ClusterStores}, present only then), else the in-process store of
 * {@code nemesis.sessions-enabled}; and the {@link Sessions} the {@code SH_} commands work on: the
 * store's own when it provides them, else the in-process ones. Singletons without a client proxy:
 * the dispatcher asks the store for a key space on every request. The store is also what
 * {@code KeySpaceLookup} and {@code StoreSize} inject.
 */
@ApplicationScoped
class StoreProducer {

    @Produces
    @Singleton
    Store store(ServerSettings settings, SessionStore sessions, StoreMetrics metrics, Instance<ClusterStores> cluster) {
        if (cluster.isResolvable()) {
            return cluster.get().store(settings.mode(), metrics::sessionsExpired);
        }
        return settings.mode() == Mode.KV ? new KvModeStore() : new SessionsModeStore(sessions, metrics);
    }

    @Produces
    @Singleton
    Sessions sessions(Store store, SessionStore local) {
        return store instanceof Sessions provided ? provided : new LocalSessions(local);
    }
}
