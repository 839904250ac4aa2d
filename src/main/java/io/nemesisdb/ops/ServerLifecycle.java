package io.nemesisdb.ops;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.microprofile.server.ServerCdiExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Where the server is in its life, as the health checks report it: started once the WebSocket
 * listener accepts and every start-up task (such as loading a dataset) has finished; ready while
 * started and not stopping. Start-up work registers a {@link StartupTask} and finishes it.
 */
@ApplicationScoped
public class ServerLifecycle {

    private final Set<StartupTask> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean listening;
    private volatile boolean stopping;

    /** Registers start-up work; the server is not ready until {@link StartupTask#finished()} is called. */
    public StartupTask startupTask(String description) {
        StartupTask task = new StartupTask(description, pending::remove);
        pending.add(task);
        return task;
    }

    /** Runs once Helidon has started its listeners (its own observer runs at {@code PLATFORM_AFTER + 100}). */
    void listenersStarted(@Observes @Priority(PLATFORM_AFTER + 150) @Initialized(ApplicationScoped.class) Object event,
                          BeanManager beans) {
        listening = beans.getExtension(ServerCdiExtension.class).started();
    }

    /** Marks the start of a shutdown: from now on the server is not ready. */
    public void stopping() {
        stopping = true;
    }

    public boolean isListening() {
        return listening;
    }

    public boolean isStopping() {
        return stopping;
    }

    /** The start-up tasks still running, by description. */
    public Set<String> pendingTasks() {
        return pending.stream().map(StartupTask::description).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Listening and every start-up task finished; stays true while stopping. */
    public boolean isStarted() {
        return listening && pending.isEmpty();
    }

    /** Started and not stopping: may receive clients. */
    public boolean isReady() {
        return isStarted() && !stopping;
    }
}
