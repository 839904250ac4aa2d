package io.nemesisdb.ops;

import io.nemesisdb.transport.OpenConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: the process answers and its container is running. A server that
 * cannot answer this is restarted; a busy or stopping one still answers.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    OpenConnections connections;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("nemesisdb-live").up().withData("connections", connections.count()).build();
    }
}
