package io.nemesisdb.bench.cluster;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One embedded data-grid member, seen through the operations the cluster-mode spike (issue 20) measures.
 * Pairs {@code {a:i, b:i}} are the atomicity checker's unit: a reader must never see {@code a != b}.
 */
interface SpikeGrid extends AutoCloseable {

    /** Storage-enabled members in the cluster, this one included. */
    int clusterSize();

    /** Whether partitions have settled: every member owns its share and every partition has its backup. */
    boolean settled();

    /** Whether this member holds the primary copy of {@code key} of the KV map (a get then takes no network hop). */
    boolean ownsLocally(String key);

    Integer get(String key);

    void set(String key, Integer value);

    CompletionStage<?> getAsync(String key);

    CompletionStage<?> setAsync(String key, Integer value);

    /** Several keys at once, as the engine's bulk put: atomic per partition at best, not across partitions. */
    void setAll(Map<String, Integer> entries);

    /** {@code a} and {@code b} of one session set to {@code i} in one atomic step on the session's partition. */
    void sessionWritePair(String session, int i);

    /** {@code a} and {@code b} of one session, read in one isolated step. */
    int[] sessionReadPair(String session);

    /** KV mode: {@code a} and {@code b} (usually on different partitions) set to {@code i} atomically. */
    void kvWritePairAtomic(String a, String b, int i);

    /** KV mode: {@code a} and {@code b} read by the engine's bulk get, without any isolation mechanism. */
    int[] kvReadPairPlain(String a, String b);

    /** KV mode: {@code a} and {@code b} read under the same mechanism {@link #kvWritePairAtomic} uses. */
    int[] kvReadPairAtomic(String a, String b);

    /** A key that the engine itself expires {@code ttlMillis} after the write. */
    void setWithTtl(String key, Integer value, long ttlMillis);

    /** Stores a session's expiry time (epoch ms) as data, not as an engine TTL. */
    void setDeadline(String session, long epochMillis);

    /** Whether the session is still alive, decided on its owner member by the owner's clock alone. */
    boolean aliveOnOwner(String session);

    @Override
    void close();

    /** Starts member {@code index} (0, 1, 2) of the named engine on its fixed loopback port. */
    static SpikeGrid start(String engine, int index) {
        return switch (engine) {
            case "coherence" -> CoherenceGrid.start(index);
            case "hazelcast" -> HazelcastGrid.start(index);
            default -> throw new IllegalArgumentException("engine must be coherence or hazelcast: " + engine);
        };
    }
}
