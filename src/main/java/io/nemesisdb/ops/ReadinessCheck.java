package io.nemesisdb.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready}: up while the server is started, not shutting down, and its WebSocket listener accepts clients. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    ServerLifecycle lifecycle;

    @Override
    public HealthCheckResponse call() {
        boolean listening = lifecycle.isListening();
        return HealthCheckResponse.named("nemesisdb-ready")
                .status(lifecycle.isReady(listening))
                .withData("listening", listening)
                .withData("startupTasks", String.join(", ", lifecycle.pendingTasks()))
                .withData("stopping", lifecycle.isStopping())
                .build();
    }
}
