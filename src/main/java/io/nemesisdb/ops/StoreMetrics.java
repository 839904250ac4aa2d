package io.nemesisdb.ops;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * What the session and persistence code report: sessions that expired, and each save and load
 * with its outcome and duration. Inject it and call it when the event happens.
 */
@ApplicationScoped
public class StoreMetrics {

    @Inject
    MetricRegistry registry;

    private Counter sessionsExpired;
    private Timer savesOk;
    private Timer savesFailed;
    private Timer loadsOk;
    private Timer loadsFailed;

    @PostConstruct
    void init() {
        sessionsExpired = registry.counter(Metadata.builder().withName("nemesis.sessions.expired")
                .withDescription("Sessions whose expiry ran out").withUnit(MetricUnits.NONE).build());
        Metadata saves = Metadata.builder().withName("nemesis.saves")
                .withDescription("Dataset saves, by outcome, with their duration").withUnit(MetricUnits.SECONDS).build();
        Metadata loads = Metadata.builder().withName("nemesis.loads")
                .withDescription("Dataset loads, by outcome, with their duration").withUnit(MetricUnits.SECONDS).build();
        savesOk = registry.timer(saves, new Tag("outcome", "complete"));
        savesFailed = registry.timer(saves, new Tag("outcome", "error"));
        loadsOk = registry.timer(loads, new Tag("outcome", "complete"));
        loadsFailed = registry.timer(loads, new Tag("outcome", "error"));
    }

    /** Creates the bean and so registers its metrics; called once at start-up. */
    void register() {
        // the work is done by init(), which runs when this bean is first used
    }

    /** {@code count} sessions expired in one sweep. */
    public void sessionsExpired(int count) {
        sessionsExpired.inc(count);
    }

    /** A save finished, durable on disk when {@code complete}, after {@code duration}. */
    public void saved(boolean complete, Duration duration) {
        (complete ? savesOk : savesFailed).update(duration);
    }

    /** Work that may fail with a checked exception, such as a load. */
    @FunctionalInterface
    public interface Action<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs a load and records it: complete when it returns, failed when it throws, with its duration. */
    public <T, E extends Exception> T timeLoad(Action<T, E> load) throws E {
        long started = System.nanoTime();
        boolean complete = false;
        try {
            T result = load.run();
            complete = true;
            return result;
        } finally {
            (complete ? loadsOk : loadsFailed).update(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
