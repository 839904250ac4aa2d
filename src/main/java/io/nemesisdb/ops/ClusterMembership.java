package io.nemesisdb.ops;

import java.time.Duration;

/**
 * This server's membership of the data grid in cluster mode ({@code nemesis.cluster.enabled}), as
 * readiness, metrics and the shutdown need it. A CDI bean only in cluster mode (the {@code cluster}
 * package provides it); without it the server is alone and these checks do not apply.
 */
public interface ClusterMembership {

    /**
     * Joined, its partitions safe at least once since joining (no migration running, every backup
     * in sync), and not leaving: may receive clients.
     */
    boolean isReady();

    /** Members in the cluster as this member sees it, itself included; 0 once it has left. */
    int members();

    /** No migration running and every backup in sync, now. */
    boolean isSafe();

    /**
     * Leaves the cluster gracefully: waits until the partitions this member owns have moved to the
     * others, so that no data is lost, at most for {@code timeout}.
     *
     * @return true when the member left with its partitions moved, false when it was cut off
     */
    boolean leave(Duration timeout);
}
