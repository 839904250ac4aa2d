package io.nemesisdb.ops;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

import io.nemesisdb.command.CommandRegistry;
import io.nemesisdb.command.ExpensiveCommands;
import io.nemesisdb.command.MemoryLimit;
import io.nemesisdb.transport.OpenConnections;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Registers every metric at start-up, so that the first scrape lists them all: the gauges read
 * when metrics are scraped (connections open, expensive commands running and waiting, and the
 * keys, in sessions mode also the sessions, held by the server's store, its {@link StoreSize})
 * and the counters of the command registry
 * and {@link StoreMetrics}, whose beans it creates; in cluster mode also {@link ClusterMetrics}.
 */
@ApplicationScoped
class MetricsRegistration {

    @Inject
    MetricRegistry registry;

    @Inject
    OpenConnections connections;

    @Inject
    StoreSize size;

    @Inject
    CommandRegistry commands;

    @Inject
    MemoryLimit memory;

    @Inject
    StoreMetrics storeMetrics;

    @Inject
    ExpensiveCommands expensiveCommands;

    @Inject
    Instance<ClusterMembership> cluster;

    @Inject
    ClusterMetrics clusterMetrics;

    void register(@Observes @Priority(PLATFORM_AFTER) @Initialized(ApplicationScoped.class) Object event) {
        commands.all();
        storeMetrics.register();
        registry.gauge(describe("nemesis.connections", "Client connections open"), connections, OpenConnections::count);
        registry.gauge(describe("nemesis.memory.used", "Heap in use after the last garbage collection, in bytes"),
                memory, MemoryLimit::usedAfterCollection);
        registry.gauge(describe("nemesis.memory.limit", "nemesis.max-memory in bytes: above it, writes are refused with 16"),
                memory, MemoryLimit::limit);
        registry.gauge(describe("nemesis.expensive.running", "Expensive commands running on the query threads"),
                expensiveCommands, ExpensiveCommands::running);
        registry.gauge(describe("nemesis.expensive.waiting", "Expensive commands waiting for a query thread"),
                expensiveCommands, ExpensiveCommands::waiting);
        registry.gauge(describe("nemesis.keys", "Keys stored"), size, StoreSize::keys);
        if (size.hasSessions()) {
            registry.gauge(describe("nemesis.sessions", "Sessions open"), size, StoreSize::sessions);
        }
        if (cluster.isResolvable()) {
            clusterMetrics.register(cluster.get());
        }
    }

    private static Metadata describe(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE).build();
    }
}
