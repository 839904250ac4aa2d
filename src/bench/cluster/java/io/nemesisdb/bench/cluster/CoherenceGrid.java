package io.nemesisdb.bench.cluster;

import com.tangosol.net.CacheFactory;
import com.tangosol.net.NamedCache;
import com.tangosol.net.PartitionedService;
import com.tangosol.net.cache.KeyAssociation;
import com.tangosol.util.InvocableMap;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A Coherence CE member. Sessions: every key of a session carries the session as its associated key, so all of
 * them live in one partition, and an entry processor invoked on one key enlists the others
 * ({@code BinaryEntry.getAssociatedEntry}) in the same partition-level transaction. KV mode across partitions:
 * explicit key locks taken in key order (writers and isolated readers alike).
 */
final class CoherenceGrid implements SpikeGrid {

    static final int FIRST_PORT = 20510;
    private static final String SESSIONS = "spike-sessions";

    private final NamedCache<String, Integer> kv;
    private final NamedCache<SessionKey, Integer> sessions;
    private final NamedCache<String, Long> deadlines;
    private final PartitionedService service;

    private CoherenceGrid() {
        CacheFactory.ensureCluster();
        kv = CacheFactory.getCache("spike-kv");
        sessions = CacheFactory.getCache(SESSIONS);
        deadlines = CacheFactory.getCache("spike-deadlines");
        service = (PartitionedService) kv.getCacheService();
    }

    static CoherenceGrid start(int index) {
        System.setProperty("coherence.cluster", "nemesis-spike");
        System.setProperty("coherence.wka", "127.0.0.1");
        System.setProperty("coherence.wka.port", Integer.toString(FIRST_PORT));
        System.setProperty("coherence.localhost", "127.0.0.1");
        System.setProperty("coherence.localport", Integer.toString(FIRST_PORT + 10 * index));
        System.setProperty("coherence.localport.adjust", "false");
        System.setProperty("coherence.ttl", "0");
        System.setProperty("coherence.distributed.backupcount", "1");
        // the default "near" profile puts a near cache in front and leaves storage to cache servers
        System.setProperty("coherence.profile", "thin");
        System.setProperty("coherence.distributed.localstorage", "true");
        System.setProperty("coherence.log.level", "2");
        return new CoherenceGrid();
    }

    /** A session's key: its hash picks the partition of the session, so all keys of a session share one. */
    record SessionKey(String session, String key) implements KeyAssociation<String>, Serializable {
        @Override
        public String getAssociatedKey() {
            return session;
        }
    }

    /** Sets {@code a} (the invoked entry) and {@code b} (enlisted) of one session in one partition transaction. */
    record PairWriter(int value) implements InvocableMap.EntryProcessor<SessionKey, Integer, Void> {
        @Override
        public Void process(InvocableMap.Entry<SessionKey, Integer> entry) {
            entry.setValue(value);
            entry.asBinaryEntry().getAssociatedEntry(SESSIONS, new SessionKey(entry.getKey().session(), "b"))
                    .setValue(value);
            return null;
        }
    }

    /** Reads {@code a} and {@code b} of one session inside one partition transaction. */
    record PairReader() implements InvocableMap.EntryProcessor<SessionKey, Integer, int[]> {
        @Override
        public int[] process(InvocableMap.Entry<SessionKey, Integer> entry) {
            Object b = entry.asBinaryEntry()
                    .getAssociatedEntry(SESSIONS, new SessionKey(entry.getKey().session(), "b"), true).getValue();
            return new int[] {orMinusOne(entry.getValue()), orMinusOne(b)};
        }
    }

    /** True while the owner's clock is before the stored deadline. */
    record AliveOnOwner() implements InvocableMap.EntryProcessor<String, Long, Boolean> {
        @Override
        public Boolean process(InvocableMap.Entry<String, Long> entry) {
            return entry.isPresent() && System.currentTimeMillis() < entry.getValue();
        }
    }

    @Override
    public int clusterSize() {
        return service.getOwnershipEnabledMembers().size();
    }

    @Override
    public boolean settled() {
        Set<com.tangosol.net.Member> members = service.getOwnershipEnabledMembers();
        int share = service.getPartitionCount() / members.size() - 1;
        return service.getBackupStrength() > 0
                && members.stream().allMatch(member -> service.getOwnedPartitions(member).cardinality() >= share);
    }

    @Override
    public boolean ownsLocally(String key) {
        return service.getKeyOwner(key).equals(CacheFactory.getCluster().getLocalMember());
    }

    @Override
    public Integer get(String key) {
        return kv.get(key);
    }

    @Override
    public void set(String key, Integer value) {
        kv.put(key, value);
    }

    @Override
    public CompletionStage<?> getAsync(String key) {
        return kv.async().get(key);
    }

    @Override
    public CompletionStage<?> setAsync(String key, Integer value) {
        return kv.async().put(key, value);
    }

    @Override
    public void setAll(Map<String, Integer> entries) {
        kv.putAll(entries);
    }

    @Override
    public void sessionWritePair(String session, int i) {
        sessions.invoke(new SessionKey(session, "a"), new PairWriter(i));
    }

    @Override
    public int[] sessionReadPair(String session) {
        return sessions.invoke(new SessionKey(session, "a"), new PairReader());
    }

    @Override
    public void kvWritePairAtomic(String a, String b, int i) {
        List<String> keys = inLockOrder(a, b);
        lockAll(keys);
        try {
            kv.putAll(Map.of(a, i, b, i));
        } finally {
            unlockAll(keys);
        }
    }

    @Override
    public int[] kvReadPairPlain(String a, String b) {
        return pair(kv.getAll(Set.of(a, b)), a, b);
    }

    @Override
    public int[] kvReadPairAtomic(String a, String b) {
        List<String> keys = inLockOrder(a, b);
        lockAll(keys);
        try {
            return pair(kv.getAll(Set.of(a, b)), a, b);
        } finally {
            unlockAll(keys);
        }
    }

    @Override
    public void setWithTtl(String key, Integer value, long ttlMillis) {
        kv.put(key, value, ttlMillis);
    }

    @Override
    public void setDeadline(String session, long epochMillis) {
        deadlines.put(session, epochMillis);
    }

    @Override
    public boolean aliveOnOwner(String session) {
        return deadlines.invoke(session, new AliveOnOwner());
    }

    @Override
    public void close() {
        CacheFactory.shutdown();
    }

    private void lockAll(List<String> keys) {
        for (String key : keys) {
            kv.lock(key, -1);
        }
    }

    private void unlockAll(List<String> keys) {
        for (String key : keys.reversed()) {
            kv.unlock(key);
        }
    }

    static List<String> inLockOrder(String a, String b) {
        return a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
    }

    static int[] pair(Map<String, Integer> values, String a, String b) {
        return new int[] {orMinusOne(values.get(a)), orMinusOne(values.get(b))};
    }

    private static int orMinusOne(Object value) {
        return value == null ? -1 : (Integer) value;
    }
}
