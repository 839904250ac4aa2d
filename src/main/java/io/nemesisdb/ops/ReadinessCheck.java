package io.nemesisdb.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready}: up while the server is started and not shutting down. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    ServerLifecycle lifecycle;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("nemesisdb-ready")
                .status(lifecycle.isReady())
                .withData("listening", lifecycle.isListening())
                .withData("startupTasks", String.join(", ", lifecycle.pendingTasks()))
                .withData("stopping", lifecycle.isStopping())
                .build();
    }
}
