package io.nemesisdb.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.map.IMap;
import com.hazelcast.transaction.TransactionOptions;
import com.hazelcast.transaction.TransactionalMap;

import io.nemesisdb.kv.KeyRewrite;
import io.nemesisdb.kv.KeySpace;
import io.nemesisdb.kv.KeySpaceOperations;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Cost of KV mode's operations on three grid members in this JVM (cluster.md 5.11), called one at
 * a time from member 0, beside the in-process key space in the same run; and the alternatives the
 * grid store did not choose, to show what atomicity and isolation cost; first it counts the
 * operations each call makes the members execute (a measure of its network hops). Each round times every
 * operation for {@code millis} ms in turn; the table gives, per operation, the median over the
 * rounds of each round's median and 99th percentile. Built with the bench profile:
 *
 * <pre>
 * ./mvnw -q -B -o -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" io.nemesisdb.grid.GridKvBenchmark [millis] [rounds]
 * </pre>
 */
public final class GridKvBenchmark {

    private static final int FIRST_PORT = 21150;
    private static final int KEYS = 1_000;
    private static final int COUNTED_CALLS = 200;
    /** One provider for every request built while timing: {@code Json.create...} looks one up on each call (tens of µs). */
    private static final JsonProvider JSON = JsonProvider.provider();

    private GridKvBenchmark() {
    }

    /** One timed operation: called with a fresh random number each time. */
    @FunctionalInterface
    private interface Operation {
        void run(int random);
    }

    public static void main(String[] args) throws Exception {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 700;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (GridMembers members = new GridMembers(3, FIRST_PORT)) {
            HazelcastInstance caller = members.member(0);
            KeySpaceOperations grid = new GridKvStore(caller).find(null);
            KeySpace local = new KeySpace();
            IMap<String, String> map = caller.getMap(GridKvStore.MAP);
            List<String> names = new ArrayList<>();
            List<String> ownedHere = new ArrayList<>();
            List<String> ownedElsewhere = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                String name = "key" + i;
                names.add(name);
                boolean here = caller.getPartitionService().getPartition(name).getOwner().equals(caller.getCluster().getLocalMember());
                (here ? ownedHere : ownedElsewhere).add(name);
            }
            JsonObject value = JSON.createObjectBuilder().add("id", 1).add("name", "user name").add("email", "user@example.com")
                    .add("score", 12.75).add("tags", JSON.createArrayBuilder().add("alpha").add("beta")).build();
            for (String name : names) {
                JsonObject one = JSON.createObjectBuilder().add(name, value).build();
                grid.setAll(one);
                local.setAll(one);
            }
            String text = GridJson.text(value);
            TransactionOptions onePhase = new TransactionOptions().setTransactionType(TransactionOptions.TransactionType.ONE_PHASE);
            TransactionOptions twoPhaseNoLogBackup = new TransactionOptions().setDurability(0);

            Map<String, Operation> operations = new LinkedHashMap<>();
            operations.put("in-process get", r -> local.get(names.get(r % KEYS)));
            operations.put("in-process set 1 key", r -> local.setAll(keys(names, r, 1, value)));
            operations.put("in-process set 2 keys", r -> local.setAll(keys(names, r, 2, value)));
            operations.put("in-process get 2 keys", r -> local.getAll(list(names, r, 2)));
            operations.put("in-process set 10 keys", r -> local.setAll(keys(names, r, 10, value)));
            operations.put("in-process get 10 keys", r -> local.getAll(list(names, r, 10)));
            operations.put("grid get, any owner", r -> grid.get(names.get(r % KEYS)));
            operations.put("grid get, owner here", r -> grid.get(ownedHere.get(r % ownedHere.size())));
            operations.put("grid get, owner elsewhere", r -> grid.get(ownedElsewhere.get(r % ownedElsewhere.size())));
            operations.put("grid set 1 key, any owner", r -> grid.setAll(keys(names, r, 1, value)));
            operations.put("grid update 1 key (get + replace)", r -> grid.rewrite(names.get(r % KEYS),
                    current -> new KeyRewrite.Edit.Replace(JSON.createObjectBuilder((JsonObject) current).add("n", r).build(), 1)));
            operations.put("grid set 2 keys: 2PC transaction (chosen)", r -> grid.setAll(keys(names, r, 2, value)));
            operations.put("grid set 2 keys: 1PC transaction (not chosen)", setTwoIn(caller, onePhase, names, text));
            operations.put("grid set 2 keys: 2PC, log not backed up (not chosen)", setTwoIn(caller, twoPhaseNoLogBackup, names, text));
            operations.put("grid set 2 keys: putAll, not atomic (control)", r -> map.putAll(texts(names, r, 2, text)));
            operations.put("grid get 2 keys: getForUpdate transaction (chosen)", r -> grid.getAll(list(names, r, 2)));
            operations.put("grid get 2 keys: getAll, not isolated (control)", r -> map.getAll(new HashSet<>(list(names, r, 2))));
            operations.put("grid set 10 keys: 2PC transaction (chosen)", r -> grid.setAll(keys(names, r, 10, value)));
            operations.put("grid set 10 keys: putAll, not atomic (control)", r -> map.putAll(texts(names, r, 10, text)));
            operations.put("grid get 10 keys: getForUpdate transaction (chosen)", r -> grid.getAll(list(names, r, 10)));
            operations.put("grid get 10 keys: getAll, not isolated (control)", r -> map.getAll(new HashSet<>(list(names, r, 10))));
            operations.put("grid count (1,000 keys)", r -> grid.count());
            operations.put("grid keys (1,000 keys)", r -> grid.keys());

            Map<String, Double> operationsPerCall = new LinkedHashMap<>();
            for (Map.Entry<String, Operation> operation : operations.entrySet()) {
                if (operation.getKey().startsWith("grid")) {
                    operationsPerCall.put(operation.getKey(), operationsPerCall(members, operation.getValue()));
                }
            }
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            operations.keySet().forEach(name -> results.put(name, new ArrayList<>()));
            time(operations.values().iterator().next(), 200); // class loading
            for (int round = 0; round <= rounds; round++) {
                for (Map.Entry<String, Operation> operation : operations.entrySet()) {
                    double[] figures = time(operation.getValue(), millis);
                    if (round > 0) { // round 0 warms up
                        results.get(operation.getKey()).add(figures);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "| Operation (%d rounds of %d ms) | median µs | p99 µs | calls/round | operations/call |%n"
                    + "|---|---|---|---|---|%n", rounds, millis);
            results.forEach((name, figures) -> System.out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %s |%n", name,
                    format(median(figures, 0)), format(median(figures, 1)), median(figures, 2),
                    operationsPerCall.containsKey(name) ? String.format(Locale.ROOT, "%.1f", operationsPerCall.get(name)) : ""));
        }
    }

    /** A set of 2 keys in a transaction of {@code options}, as the grid key space makes one with its own. */
    private static Operation setTwoIn(HazelcastInstance caller, TransactionOptions options, List<String> names, String text) {
        return r -> caller.executeTransaction(options, context -> {
            TransactionalMap<String, String> tx = context.getMap(GridKvStore.MAP);
            list(names, r, 2).stream().sorted().forEach(key -> tx.set(key, text));
            return null;
        });
    }

    /**
     * The Hazelcast operations that one call makes the three members execute, summed over them
     * (each operation on another member is a request and a response; backups count as operations),
     * over {@value #COUNTED_CALLS} calls; includes the few operations the members run on their own
     * meanwhile (heartbeats). Reads Hazelcast's internal counters: a measurement, not an API.
     */
    private static double operationsPerCall(GridMembers members, Operation operation) {
        long before = executedOperations(members);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < COUNTED_CALLS; i++) {
            operation.run(random.nextInt(1 << 30));
        }
        return (executedOperations(members) - before) / (double) COUNTED_CALLS;
    }

    private static long executedOperations(GridMembers members) {
        long executed = 0;
        for (int i = 0; i < 3; i++) {
            executed += ((HazelcastInstanceProxy) members.member(i)).getOriginal().node.getNodeEngine()
                    .getOperationService().getExecutedOperationCount();
        }
        return executed;
    }

    /** Median, p99 (µs) and calls of one operation called for {@code millis} ms. */
    private static double[] time(Operation operation, long millis) {
        long[] samples = new long[1 << 16];
        int count = 0;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end && count < samples.length) {
            int r = random.nextInt(1 << 30);
            long start = System.nanoTime();
            operation.run(r);
            samples[count++] = System.nanoTime() - start;
        }
        long[] taken = Arrays.copyOf(samples, count);
        Arrays.sort(taken);
        return new double[] {taken[count / 2] / 1_000.0, taken[Math.min(count - 1, count * 99 / 100)] / 1_000.0, count};
    }

    private static double median(List<double[]> figures, int index) {
        double[] values = figures.stream().mapToDouble(f -> f[index]).sorted().toArray();
        return values[values.length / 2];
    }

    private static String format(double micros) {
        return micros < 10 ? String.format(Locale.ROOT, "%.2f", micros) : String.format(Locale.ROOT, "%,.0f", micros);
    }

    /** {@code count} distinct names from {@code r} on. */
    private static List<String> list(List<String> names, int r, int count) {
        List<String> picked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            picked.add(names.get((r + i * 97) % names.size()));
        }
        return picked;
    }

    private static JsonObject keys(List<String> names, int r, int count, JsonValue value) {
        JsonObjectBuilder keys = JSON.createObjectBuilder();
        list(names, r, count).forEach(name -> keys.add(name, value));
        return keys.build();
    }

    private static Map<String, String> texts(List<String> names, int r, int count, String text) {
        Map<String, String> texts = new HashMap<>();
        list(names, r, count).forEach(name -> texts.put(name, text));
        return texts;
    }
}
