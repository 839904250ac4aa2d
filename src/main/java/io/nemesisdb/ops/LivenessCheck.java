package io.nemesisdb.ops;

import io.nemesisdb.transport.OpenConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: the process answers and its container is running, and once started its
 * WebSocket listener still accepts clients (a listener that stopped does not come back, so the
 * server must be restarted). A busy or stopping server is live.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    OpenConnections connections;

    @Inject
    ServerLifecycle lifecycle;

    @Override
    public HealthCheckResponse call() {
        boolean listenerLost = lifecycle.isStarted() && !lifecycle.isStopping() && !lifecycle.isListening();
        return HealthCheckResponse.named("nemesisdb-live").status(!listenerLost)
                .withData("connections", connections.count())
                .withData("listening", !listenerLost)
                .build();
    }
}
