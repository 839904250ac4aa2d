package io.nemesisdb.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: up while the server is started, not shutting down, and its WebSocket
 * listener accepts clients; in cluster mode also only once the member has joined and its
 * partitions have been safe, and not while it leaves ({@link ClusterMembership#isReady()}).
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    ServerLifecycle lifecycle;

    @Inject
    Instance<ClusterMembership> cluster;

    @Override
    public HealthCheckResponse call() {
        boolean listening = lifecycle.isListening();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("nemesisdb-ready")
                .withData("listening", listening)
                .withData("startupTasks", String.join(", ", lifecycle.pendingTasks()))
                .withData("stopping", lifecycle.isStopping());
        boolean ready = lifecycle.isReady(listening);
        if (cluster.isResolvable()) {
            boolean clusterReady = cluster.get().isReady();
            response.withData("cluster", clusterReady).withData("clusterMembers", cluster.get().members());
            ready &= clusterReady;
        }
        return response.status(ready).build();
    }
}
