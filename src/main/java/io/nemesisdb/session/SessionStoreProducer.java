package io.nemesisdb.session;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the server's one {@link SessionStore} injectable, on the system clock and a strong random source. */
@ApplicationScoped
class SessionStoreProducer {

    @Produces
    @Singleton
    SessionStore sessionStore() {
        SecureRandom random = new SecureRandom();
        return new SessionStore(NanoClock.SYSTEM, random::nextLong);
    }
}
