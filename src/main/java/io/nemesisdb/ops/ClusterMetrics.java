package io.nemesisdb.ops;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * What the cluster member reports in cluster mode: the partition replica migrations the cluster
 * ran and the partitions it lost, as every member hears of them. Registered, with
 * the gauges of {@link ClusterMembership}, only in cluster mode.
 */
@ApplicationScoped
public class ClusterMetrics {

    @Inject
    MetricRegistry registry;

    private Counter migrations;
    private Counter migrationsFailed;
    private Counter partitionsLost;

    @PostConstruct
    void init() {
        migrations = registry.counter(describe("nemesis.cluster.migrations",
                "Partition replicas moved between members (joins, leaves, failures)"));
        migrationsFailed = registry.counter(describe("nemesis.cluster.migrations.failed",
                "Partition replica moves that failed (the cluster retries them)"));
        partitionsLost = registry.counter(describe("nemesis.cluster.partitions.lost",
                "Partitions whose owner and every backup were lost at once: their entries are gone"));
    }

    /** Registers the counters and the gauges read from {@code membership} when metrics are scraped. */
    void register(ClusterMembership membership) {
        registry.gauge(describe("nemesis.cluster.members", "Members in the cluster, this one included"),
                membership, ClusterMembership::members);
        registry.gauge(describe("nemesis.cluster.safe", "1 when no migration runs and every backup is in sync, else 0"),
                membership, m -> m.isSafe() ? 1 : 0);
    }

    /** A partition replica finished moving to another member, or failed to. */
    public void migrated(boolean completed) {
        (completed ? migrations : migrationsFailed).inc();
    }

    /** A partition lost its owner and every backup at once. */
    public void partitionLost() {
        partitionsLost.inc();
    }

    private static Metadata describe(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE).build();
    }
}
