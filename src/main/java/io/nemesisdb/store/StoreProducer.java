package io.nemesisdb.store;

import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.ops.StoreMetrics;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.session.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Chooses the server's {@link Store} once, from {@code nemesis.sessions-enabled}. A singleton
 * without a client proxy: the dispatcher asks it for a key space on every request. It is also
 * what {@code KeySpaceLookup} and {@code StoreSize} inject.
 */
@ApplicationScoped
class StoreProducer {

    @Produces
    @Singleton
    Store store(ServerSettings settings, SessionStore sessions, StoreMetrics metrics) {
        return settings.mode() == Mode.KV ? new KvModeStore() : new SessionsModeStore(sessions, metrics);
    }
}
