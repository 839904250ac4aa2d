package io.nemesisdb.bench.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.transaction.TransactionContext;
import com.hazelcast.transaction.TransactionOptions;
import com.hazelcast.transaction.TransactionalMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * A Hazelcast member. Its entry processors are atomic per entry only, so a session is one entry (a map of the
 * session's keys, kept as objects so an entry processor changes it in place). KV mode across partitions:
 * two-phase {@link TransactionContext}s; isolated readers take the keys' locks with {@code getForUpdate}.
 */
final class HazelcastGrid implements SpikeGrid {

    static final int FIRST_PORT = 20540;
    private static final String SESSIONS = "spike-sessions";
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    private final HazelcastInstance hazelcast;
    private final IMap<String, Integer> kv;
    private final IMap<String, HashMap<String, Integer>> sessions;
    private final IMap<String, Long> deadlines;

    private HazelcastGrid(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        kv = hazelcast.getMap("spike-kv");
        sessions = hazelcast.getMap(SESSIONS);
        deadlines = hazelcast.getMap("spike-deadlines");
    }

    static HazelcastGrid start(int index) {
        HAZELCAST_LOG.setLevel(Level.WARNING);
        Config config = new Config().setClusterName("nemesis-spike");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        NetworkConfig network = config.getNetworkConfig()
                .setPort(FIRST_PORT + index).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(
                IntStream.range(0, 3).mapToObj(i -> "127.0.0.1:" + (FIRST_PORT + i)).toList());
        config.getMapConfig("spike-*").setBackupCount(1);
        config.getMapConfig(SESSIONS).setBackupCount(1).setInMemoryFormat(InMemoryFormat.OBJECT);
        return new HazelcastGrid(Hazelcast.newHazelcastInstance(config));
    }

    /** Sets {@code a} and {@code b} of the session entry in place; the backup runs the same processor. */
    record PairWriter(int value) implements EntryProcessor<String, HashMap<String, Integer>, Void> {
        @Override
        public Void process(Map.Entry<String, HashMap<String, Integer>> entry) {
            HashMap<String, Integer> keys = entry.getValue() == null ? new HashMap<>() : entry.getValue();
            keys.put("a", value);
            keys.put("b", value);
            entry.setValue(keys);
            return null;
        }
    }

    /** Reads {@code a} and {@code b} of the session entry on its owner, shipping only the two values. */
    record PairReader() implements EntryProcessor<String, HashMap<String, Integer>, int[]>, ReadOnly {
        @Override
        public int[] process(Map.Entry<String, HashMap<String, Integer>> entry) {
            return entry.getValue() == null ? new int[] {-1, -1} : CoherenceGrid.pair(entry.getValue(), "a", "b");
        }

        @Override
        public EntryProcessor<String, HashMap<String, Integer>, int[]> getBackupProcessor() {
            return null;
        }
    }

    /** True while the owner's clock is before the stored deadline. */
    record AliveOnOwner() implements EntryProcessor<String, Long, Boolean>, ReadOnly {
        @Override
        public Boolean process(Map.Entry<String, Long> entry) {
            return entry.getValue() != null && System.currentTimeMillis() < entry.getValue();
        }

        @Override
        public EntryProcessor<String, Long, Boolean> getBackupProcessor() {
            return null;
        }
    }

    @Override
    public int clusterSize() {
        return hazelcast.getCluster().getMembers().size();
    }

    @Override
    public boolean settled() {
        return hazelcast.getPartitionService().isClusterSafe();
    }

    @Override
    public boolean ownsLocally(String key) {
        return hazelcast.getPartitionService().getPartition(key).getOwner().localMember();
    }

    @Override
    public Integer get(String key) {
        return kv.get(key);
    }

    @Override
    public void set(String key, Integer value) {
        kv.set(key, value);
    }

    @Override
    public CompletionStage<?> getAsync(String key) {
        return kv.getAsync(key);
    }

    @Override
    public CompletionStage<?> setAsync(String key, Integer value) {
        return kv.setAsync(key, value);
    }

    @Override
    public void setAll(Map<String, Integer> entries) {
        kv.putAll(entries);
    }

    @Override
    public void sessionWritePair(String session, int i) {
        sessions.executeOnKey(session, new PairWriter(i));
    }

    @Override
    public int[] sessionReadPair(String session) {
        return sessions.executeOnKey(session, new PairReader());
    }

    @Override
    public void kvWritePairAtomic(String a, String b, int i) {
        inTransaction(map -> {
            for (String key : CoherenceGrid.inLockOrder(a, b)) {
                map.put(key, i);
            }
            return null;
        });
    }

    @Override
    public int[] kvReadPairPlain(String a, String b) {
        return CoherenceGrid.pair(kv.getAll(Set.of(a, b)), a, b);
    }

    @Override
    public int[] kvReadPairAtomic(String a, String b) {
        return inTransaction(map -> {
            Map<String, Integer> values = new HashMap<>();
            for (String key : CoherenceGrid.inLockOrder(a, b)) {
                Integer value = map.getForUpdate(key);
                if (value != null) {
                    values.put(key, value);
                }
            }
            return CoherenceGrid.pair(values, a, b);
        });
    }

    @Override
    public void setWithTtl(String key, Integer value, long ttlMillis) {
        kv.set(key, value, ttlMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void setDeadline(String session, long epochMillis) {
        deadlines.set(session, epochMillis);
    }

    @Override
    public boolean aliveOnOwner(String session) {
        return deadlines.executeOnKey(session, new AliveOnOwner());
    }

    @Override
    public void close() {
        hazelcast.shutdown();
    }

    private <R> R inTransaction(Function<TransactionalMap<String, Integer>, R> work) {
        TransactionContext transaction = hazelcast.newTransactionContext(
                new TransactionOptions().setTransactionType(TransactionOptions.TransactionType.TWO_PHASE));
        transaction.beginTransaction();
        try {
            R result = work.apply(transaction.getMap("spike-kv"));
            transaction.commitTransaction();
            return result;
        } catch (RuntimeException e) {
            transaction.rollbackTransaction();
            throw e;
        }
    }
}
