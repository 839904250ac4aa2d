package io.nemesisdb.store;

import java.util.function.IntConsumer;

import io.nemesisdb.protocol.Mode;

/**
 * What cluster mode ({@code nemesis.cluster.enabled}) puts in place of the in-process store: the
 * grid store of the server's mode, and start-up work that the cluster runs once rather than once
 * per member. A CDI bean only in cluster mode, provided by the {@code cluster} package with the
 * member; {@link StoreProducer} and {@link StartupRestore} ask for it. No Hazelcast type appears
 * here, so that a single server, asking for it and finding none, loads none.
 */
public interface ClusterStores {

    /**
     * The grid store of {@code mode} on this member's cluster, which tells {@code expired} how many
     * sessions expired each time this member applies expiries.
     */
    Store store(Mode mode, IntConsumer expired);

    /**
     * Runs {@code work} once in the cluster's life under {@code task}: on the first member that
     * asks, while any other member that asks meanwhile waits for it to end. When the member running
     * it fails, the mark is removed and the next member to ask runs it; when it leaves the cluster
     * before the end, a waiting member takes over.
     *
     * @return true when this member ran it, false when another one had
     */
    boolean once(String task, Runnable work) throws InterruptedException;
}
