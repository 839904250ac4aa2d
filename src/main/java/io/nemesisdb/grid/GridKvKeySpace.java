package io.nemesisdb.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.transaction.TransactionOptions;
import com.hazelcast.transaction.TransactionalMap;

import io.nemesisdb.kv.KeyRewrite;
import io.nemesisdb.kv.KeySpaceOperations;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * KV mode's one key space, spread over the cluster: map {@value GridKvStore#MAP}, each key an
 * entry holding its value's JSON text, in the partition the engine's hash of the key picks (cluster.md 5.11).
 *
 * <p>How each operation keeps API.md 4's atomicity and isolation:
 * <ul>
 * <li>One key: one map operation on the key's owner, atomic. Writes ({@code set}, {@code putIfAbsent},
 * {@code delete}, {@code replace}) wait while a transaction holds the key's lock; a read ({@code get})
 * waits while a transaction that has prepared, or that read the key for update, holds it. So
 * separate single-key reads never see a multi-key write half-committed: every key of a two-phase
 * transaction is prepared before the first is committed.</li>
 * <li>Several keys: a transaction that locks every key in key order (the same order for every
 * command, so transactions never deadlock), writes with two-phase commit (its log goes to a backup
 * first, so the write completes or not at all even when the member running it dies), or reads
 * with {@code getForUpdate} and commits in one phase (only the locks are released).</li>
 * <li>The whole key space ({@link #count}, {@link #keys}, {@link #read}, {@link #clear},
 * {@link #replaceAll}): partition by partition, not isolated (cluster.md 5.4).</li>
 * </ul>
 * Every call blocks on the network; the grid store says so ({@code blocks()}).
 */
final class GridKvKeySpace implements KeySpaceOperations {

    /** How long a transaction may run, waits for locks included, before it is rolled back. */
    private static final long TRANSACTION_TIMEOUT_SECONDS = 30;

    private final HazelcastInstance hazelcast;
    private final IMap<String, String> map;
    private final TransactionOptions writes;
    private final TransactionOptions reads;

    GridKvKeySpace(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.map = hazelcast.getMap(GridKvStore.MAP);
        // the transaction log is kept on as many members as the map's backups, so that a commit survives as much
        int durability = hazelcast.getConfig().findMapConfig(GridKvStore.MAP).getBackupCount();
        this.writes = options(TransactionOptions.TransactionType.TWO_PHASE).setDurability(durability);
        this.reads = options(TransactionOptions.TransactionType.ONE_PHASE);
    }

    private static TransactionOptions options(TransactionOptions.TransactionType type) {
        return new TransactionOptions().setTransactionType(type).setTimeout(TRANSACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public JsonValue get(String key) {
        return GridJson.value(map.get(key));
    }

    @Override
    public void setAll(JsonObject keys) {
        write(texts(keys), map::set, TransactionalMap::set);
    }

    @Override
    public void addAbsent(JsonObject keys) {
        // getForUpdate keeps the lock of a key that exists until the commit (putIfAbsent would release it at once)
        write(texts(keys), map::putIfAbsent, (tx, key, text) -> {
            if (tx.getForUpdate(key) == null) {
                tx.set(key, text);
            }
        });
    }

    @Override
    public void removeAll(List<String> keys) {
        SortedMap<String, String> names = new TreeMap<>();
        keys.forEach(key -> names.put(key, null));
        write(names, (key, none) -> map.delete(key), (tx, key, none) -> tx.delete(key));
    }

    /** Removes every entry, partition by partition; a key written meanwhile may survive or not. */
    @Override
    public int clear() {
        return (int) map.executeOnEntries(new KvCalls.Remove()).values().stream().filter(Boolean.TRUE::equals).count();
    }

    /** A {@link #clear()}, then the keys set as one transaction: the two steps are not one (cluster.md 5.4). */
    @Override
    public int replaceAll(JsonObject keys) {
        int removed = clear();
        if (!keys.isEmpty()) {
            setAll(keys);
        }
        return removed;
    }

    /** The sum of every partition's count, each read at its own moment. */
    @Override
    public int count() {
        return map.size();
    }

    /** The values of {@code keys} read under the locks of all of them: the state at the moment the last lock was taken. */
    @Override
    public JsonValue[] getAll(List<String> keys) {
        JsonValue[] values = new JsonValue[keys.size()];
        TreeSet<String> distinct = new TreeSet<>(keys);
        if (distinct.size() <= 1) {
            JsonValue value = distinct.isEmpty() ? null : get(distinct.first());
            Arrays.fill(values, value);
            return values;
        }
        Map<String, String> texts = hazelcast.executeTransaction(reads, context -> {
            TransactionalMap<String, String> tx = context.getMap(GridKvStore.MAP);
            Map<String, String> read = new HashMap<>();
            for (String key : distinct) {
                read.put(key, tx.getForUpdate(key));
            }
            return read;
        });
        Map<String, JsonValue> parsed = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            values[i] = parsed.computeIfAbsent(keys.get(i), key -> GridJson.value(texts.get(key)));
        }
        return values;
    }

    /** Every key name, in no particular order (cluster.md 5.4). */
    @Override
    public List<String> keys() {
        return new ArrayList<>(map.keySet());
    }

    /** Runs {@code reader} here on a copy of every entry, each copied at its own moment, in no particular order. */
    @Override
    public <R> R read(Reader<R> reader) {
        Map<String, JsonValue> content = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            content.put(entry.getKey(), GridJson.value(entry.getValue()));
        }
        return reader.apply(Collections.unmodifiableMap(content));
    }

    /**
     * Not available: exclusive access to the whole content of a cluster would stop every write of
     * every member. No command needs it ({@code KV_UPDATE} and {@code KV_ARR_APPEND} use {@link #rewrite}).
     */
    @Override
    public <R> R write(Writer<R> writer) {
        throw new UnsupportedOperationException("the grid's KV key space has no whole-content write");
    }

    /**
     * Computes the edit here on the value read from the owner and stores the result only if the
     * value is still the one it was computed from ({@code replace}, which waits for a
     * transaction's lock); otherwise computes it again.
     */
    @Override
    public KeyRewrite.Edit rewrite(String key, Function<JsonValue, KeyRewrite.Edit> edit) {
        while (true) {
            String text = map.get(key);
            JsonValue current = GridJson.value(text);
            KeyRewrite.Edit decision = current == null ? KeyRewrite.keyAbsent(key) : edit.apply(current);
            if (!(decision instanceof KeyRewrite.Edit.Replace replace) || replace.value() == current
                    || map.replace(key, text, GridJson.text(replace.value()))) {
                return decision;
            }
        }
    }

    /** What a multi-key write does to one key in its transaction. */
    @FunctionalInterface
    private interface KeyWrite {
        void apply(TransactionalMap<String, String> tx, String key, String text);
    }

    /**
     * Writes {@code texts} (key to text, in key order): one key by {@code one}, a single map
     * operation; several by {@code each} key in one two-phase transaction.
     */
    private void write(SortedMap<String, String> texts, BiConsumer<String, String> one, KeyWrite each) {
        if (texts.size() <= 1) {
            texts.forEach(one);
            return;
        }
        hazelcast.executeTransaction(writes, context -> {
            TransactionalMap<String, String> tx = context.getMap(GridKvStore.MAP);
            texts.forEach((key, text) -> each.apply(tx, key, text));
            return null;
        });
    }

    /** The members of {@code keys} as JSON text, in key order. */
    private static SortedMap<String, String> texts(JsonObject keys) {
        SortedMap<String, String> texts = new TreeMap<>();
        keys.forEach((key, value) -> texts.put(key, GridJson.text(value)));
        return texts;
    }
}
