package io.nemesisdb.cluster;

import java.util.logging.Logger;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.PartitionLostEvent;
import com.hazelcast.partition.PartitionLostListener;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.nemesisdb.ops.ClusterMetrics;

/**
 * What the member hears about the cluster: members joining and leaving (logged, since Hazelcast's
 * own log shows warnings only), replica migrations and lost partitions (counted in
 * {@link ClusterMetrics}), and its own shutdown (it is leaving from then on).
 */
final class MemberEvents implements MembershipListener, MigrationListener, PartitionLostListener, LifecycleListener {

    private static final Logger LOG = Logger.getLogger(MemberEvents.class.getName());

    private final ClusterMetrics metrics;
    private final int backups;
    private volatile boolean leaving;

    /** @param backups the backups every entry has ({@code nemesis.cluster.backups}) */
    MemberEvents(ClusterMetrics metrics, int backups) {
        this.metrics = metrics;
        this.backups = backups;
    }

    /** Shutting down or shut down: from the start of a leave on. */
    boolean isLeaving() {
        return leaving;
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        LOG.info(() -> "cluster: member " + event.getMember().getAddress() + " joined, " + event.getMembers().size() + " members");
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        LOG.info(() -> "cluster: member " + event.getMember().getAddress() + " left, " + event.getMembers().size() + " members");
    }

    @Override
    public void migrationStarted(MigrationState state) {
        // counted replica by replica
    }

    @Override
    public void migrationFinished(MigrationState state) {
        // counted replica by replica
    }

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
        metrics.migrated(true);
    }

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {
        metrics.migrated(false);
    }

    /**
     * Hazelcast reports a partition whose replicas 0 (the owner) to {@code getLostBackupCount()}
     * were lost; the data is lost only when that takes in every backup too. A lost owner whose
     * backup takes over is a member's failure, which the membership log shows.
     */
    @Override
    public void partitionLost(PartitionLostEvent event) {
        if (event.getLostBackupCount() < backups) {
            return;
        }
        metrics.partitionLost();
        LOG.severe(() -> "cluster: partition " + event.getPartitionId() + " lost its owner and every backup: its entries"
                + " are gone (more members failed at once than nemesis.cluster.backups covers)");
    }

    @Override
    public void stateChanged(LifecycleEvent event) {
        if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN
                || event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
            leaving = true;
        }
    }
}
