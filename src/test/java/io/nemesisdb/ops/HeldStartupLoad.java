package io.nemesisdb.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** A start-up load that does not finish until the test says so, standing in for a slow dataset load. */
@ApplicationScoped
public class HeldStartupLoad {

    private static volatile StartupTask task;

    @Inject
    ServerLifecycle lifecycle;

    void begin(@Observes @Initialized(ApplicationScoped.class) Object event) {
        task = lifecycle.startupTask("loading held-dataset");
    }

    /** Lets the load finish. */
    public static void release() {
        task.finished();
    }
}
