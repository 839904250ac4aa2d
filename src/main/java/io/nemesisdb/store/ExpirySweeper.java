package io.nemesisdb.store;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * In sessions mode, applies due expiries to all sessions every
 * {@code nemesis.sessions.sweep-interval-ms}, on one daemon thread stopped with the container,
 * so that idle sessions give their memory back. Correctness does not depend on it: every lookup
 * applies a due expiry itself.
 */
@ApplicationScoped
public class ExpirySweeper {

    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class.getName());

    @Inject
    Store store;

    @Inject
    @ConfigProperty(name = "nemesis.sessions.sweep-interval-ms", defaultValue = "1000")
    long intervalMillis;

    private ScheduledExecutorService executor;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!store.expires()) {
            return;
        }
        if (intervalMillis < 1) {
            throw new IllegalStateException("nemesis.sessions.sweep-interval-ms must be at least 1, not " + intervalMillis);
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("session-expiry").factory());
        executor.scheduleWithFixedDelay(this::sweep, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void sweep() {
        try {
            store.sweepExpired();
        } catch (RuntimeException e) {
            // a failed run must not cancel the schedule
            LOG.log(Level.SEVERE, "session expiry sweep failed", e);
        }
    }
}
