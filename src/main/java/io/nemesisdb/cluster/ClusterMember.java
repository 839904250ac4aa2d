package io.nemesisdb.cluster;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.nemesisdb.config.ClusterSettings;
import io.nemesisdb.config.OperationsSettings;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.ops.ClusterMembership;
import io.nemesisdb.ops.ClusterMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Vetoed;
import jakarta.inject.Inject;

/**
 * This server's Hazelcast member in cluster mode: started at start-up, before the start-up load
 * and before the listeners accept clients, and offered to the grid store as the
 * {@link HazelcastInstance} bean; it answers readiness and metrics and leaves the cluster on a
 * graceful shutdown. Vetoed, so that bean discovery neither starts it nor loads Hazelcast's classes:
 * {@link ClusterExtension} adds it, as {@code @ApplicationScoped}, only when
 * {@code nemesis.cluster.enabled} is true.
 */
@Vetoed
class ClusterMember implements ClusterMembership {

    private static final Logger LOG = Logger.getLogger(ClusterMember.class.getName());

    @Inject
    ClusterSettings settings;

    @Inject
    ServerSettings server;

    @Inject
    OperationsSettings operations;

    @Inject
    ClusterMetrics metrics;

    private HazelcastInstance instance;
    private MemberEvents events;
    private volatile boolean safeSinceJoin;

    @PostConstruct
    void join() {
        events = new MemberEvents(metrics, settings.backups());
        long started = System.nanoTime();
        instance = Hazelcast.newHazelcastInstance(MemberConfig.of(settings, server.host(), operations.shutdownTimeout(), events));
        arrangePartitions();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.info(() -> "cluster " + settings.name() + ": joined as " + instance.getCluster().getLocalMember().getAddress()
                + " in " + millis + " ms, " + members() + " members");
    }

    /**
     * Hazelcast assigns the partitions to members on their first use; asking for an owner does it
     * now, so that readiness (a safe cluster) and the migrations count mean something before the
     * first command, and the first command does not wait for it.
     */
    private void arrangePartitions() {
        instance.getPartitionService().getPartitions().iterator().next().getOwner();
    }

    /** Joins at start-up rather than on first use: creating this bean starts the member. */
    void joinAtStartUp(@Observes @Priority(PLATFORM_AFTER + 40) @Initialized(ApplicationScoped.class) Object event) {
        instance.getCluster();
    }

    /** The member, for the grid store. */
    @Produces
    @ApplicationScoped
    HazelcastInstance instance() {
        return instance;
    }

    @Override
    public boolean isReady() {
        if (events.isLeaving() || !instance.getLifecycleService().isRunning()) {
            return false;
        }
        if (!safeSinceJoin && instance.getPartitionService().isClusterSafe()) {
            safeSinceJoin = true;
        }
        return safeSinceJoin;
    }

    @Override
    public int members() {
        return instance.getLifecycleService().isRunning() ? instance.getCluster().getMembers().size() : 0;
    }

    @Override
    public boolean isSafe() {
        return instance.getLifecycleService().isRunning() && instance.getPartitionService().isClusterSafe();
    }

    @Override
    public boolean leave(Duration timeout) {
        Thread leaving = Thread.ofPlatform().daemon().name("nemesis-cluster-leave").start(instance::shutdown);
        try {
            return leaving.join(timeout) && !instance.getLifecycleService().isRunning();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Leaves when the container stops without the graceful shutdown (tests, a failed start-up). */
    @PreDestroy
    void stop() {
        if (instance.getLifecycleService().isRunning()) {
            instance.shutdown();
        }
    }
}
