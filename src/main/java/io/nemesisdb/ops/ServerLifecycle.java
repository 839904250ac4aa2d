package io.nemesisdb.ops;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.nemesisdb.transport.WebSocketListener;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/**
 * Where the server is in its life, as the health checks report it: started once the WebSocket
 * listeners have started and every start-up task (such as loading a dataset) has finished; ready
 * while started, not stopping, and the WebSocket listener still accepts clients. Start-up work
 * registers a {@link StartupTask} and finishes it.
 */
@ApplicationScoped
public class ServerLifecycle {

    @Inject
    WebSocketListener listener;

    private final Set<StartupTask> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean listenersStarted;
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
        listenersStarted = beans.getExtension(ServerCdiExtension.class).started();
    }

    /** Marks the start of a shutdown: from now on the server is not ready. */
    public void stopping() {
        stopping = true;
    }

    /** The listeners started and the WebSocket listener still accepts clients. */
    public boolean isListening() {
        return listenersStarted && listener.isAccepting();
    }

    public boolean isStopping() {
        return stopping;
    }

    /** The start-up tasks still running, by description. */
    public Set<String> pendingTasks() {
        return pending.stream().map(StartupTask::description).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The listeners started and every start-up task finished; stays true while stopping. */
    public boolean isStarted() {
        return listenersStarted && pending.isEmpty();
    }

    /** Started, not stopping, and the WebSocket listener accepts: may receive clients. */
    public boolean isReady(boolean listening) {
        return listening && isStarted() && !stopping;
    }
}
