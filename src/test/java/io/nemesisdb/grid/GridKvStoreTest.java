package io.nemesisdb.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.transaction.HazelcastXAResource;
import com.hazelcast.transaction.TransactionalMap;

import io.nemesisdb.json.JsonText;
import io.nemesisdb.kv.KeyRewrite;
import io.nemesisdb.kv.KeySpace;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.persist.BatchedSnapshot;
import io.nemesisdb.persist.DatasetLayout;
import io.nemesisdb.persist.DatasetMetadata;
import io.nemesisdb.persist.DatasetReader;
import io.nemesisdb.persist.KvSnapshot;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.protocol.Status;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * KV mode on three grid members in this JVM: keys written through one member are read through the
 * others; every operation answers what the in-process key space answers; a multi-key write is
 * never seen half-applied, by multi-key or by single-key reads, through any member; a save of the
 * whole cluster restores as it was; acknowledged writes survive the crash of a member (last: it
 * kills one).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GridKvStoreTest {

    private static final int FIRST_PORT = 21130;

    private static GridMembers members;
    private static List<GridKvStore> stores;

    @BeforeAll
    static void startMembers() {
        members = new GridMembers(3, FIRST_PORT);
        stores = List.of(new GridKvStore(members.member(0)), new GridKvStore(members.member(1)), new GridKvStore(members.member(2)));
    }

    @AfterAll
    static void stopMembers() {
        members.close();
    }

    @AfterEach
    void clearTheKeySpace() {
        keySpace(0).clear();
    }

    private static KeySpaceOperations keySpace(int member) {
        return stores.get(member).find(null);
    }

    private static JsonObject pair(String a, String b, int value) {
        return Json.createObjectBuilder().add(a, value).add(b, value).build();
    }

    private static int number(JsonValue value) {
        return ((JsonNumber) value).intValue();
    }

    /** A key owned by member {@code owner}, starting with {@code prefix}. */
    private static String ownedBy(int owner, String prefix) {
        HazelcastInstance any = members.member(0);
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (any.getPartitionService().getPartition(key).getOwner().equals(members.member(owner).getCluster().getLocalMember())) {
                return key;
            }
        }
    }

    /** Two keys, owned by different members. */
    private record KeyPair(String a, String b) {
    }

    /** Keys a (owned by member 1) and b (by member 2), set to {@code value} through member 0. */
    private static KeyPair pairOnMembersOneAndTwo(int value) {
        KeyPair keys = new KeyPair(ownedBy(1, "a"), ownedBy(2, "b"));
        keySpace(0).setAll(pair(keys.a(), keys.b(), value));
        return keys;
    }

    /** Runs {@code tasks} on threads of their own and waits for all; fails with the first failure. */
    private static void together(List<Callable<?>> tasks) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (Callable<?> task : tasks) {
                running.add(threads.submit(task));
            }
            for (Future<?> done : running) {
                done.get();
            }
        }
    }

    @Test
    @Order(1)
    void writesThroughOneMemberAreReadThroughTheOthers() {
        keySpace(0).setAll(Json.createObjectBuilder().add("k", "v").build());
        assertEquals(Json.createValue("v"), keySpace(1).get("k"));
        keySpace(1).setAll(Json.createObjectBuilder().add("x", 1).add("y", JsonValue.NULL).add("z", Json.createArrayBuilder().add(2)).build());
        assertArrayEquals(new JsonValue[] {Json.createValue(1), JsonValue.NULL, null, Json.createValue(1)},
                keySpace(2).getAll(List.of("x", "y", "absent", "x")));
        keySpace(2).removeAll(List.of("x", "absent"));
        assertNull(keySpace(0).get("x"));
        assertEquals(3, keySpace(0).count());
        assertEquals(new HashSet<>(List.of("k", "y", "z")), new HashSet<>(keySpace(1).keys()));
        assertEquals(3, stores.get(2).keys());
    }

    /** Random operations on a few keys, each applied to the grid through a random member and to a {@link KeySpace}. */
    @Test
    @Order(2)
    void everyOperationAnswersAsTheInProcessKeySpaceDoes() {
        Random random = new Random(20);
        KeySpace local = new KeySpace();
        for (int step = 0; step < 400; step++) {
            KeySpaceOperations grid = keySpace(random.nextInt(3));
            int kind = random.nextInt(100);
            String what = "step " + step + " (" + kind + ")";
            if (kind < 20) {
                JsonObject keys = randomObject(random, 1 + random.nextInt(3));
                grid.setAll(keys);
                local.setAll(keys);
            } else if (kind < 30) {
                JsonObject keys = randomObject(random, random.nextInt(4));
                grid.addAbsent(keys);
                local.addAbsent(keys);
            } else if (kind < 40) {
                List<String> keys = randomNames(random, 1 + random.nextInt(3));
                grid.removeAll(keys);
                local.removeAll(keys);
            } else if (kind < 60) {
                List<String> keys = randomNames(random, random.nextInt(5));
                assertArrayEquals(local.getAll(keys), grid.getAll(keys), what);
            } else if (kind < 68) {
                String key = randomNames(random, 1).get(0);
                assertEquals(local.get(key), grid.get(key), what);
            } else if (kind < 75) {
                assertEquals(local.count(), grid.count(), what);
                assertEquals(new HashSet<>(local.keys()), new HashSet<>(grid.keys()), what);
            } else if (kind < 80) {
                KeySpaceOperations.Reader<Map<String, JsonValue>> copy = HashMap::new;
                assertEquals(local.read(copy), grid.read(copy), what);
            } else if (kind < 90) {
                String key = randomNames(random, 1).get(0);
                Function<JsonValue, KeyRewrite.Edit> edit = GridKvStoreTest::wrapOrReject;
                assertEquals(local.rewrite(key, edit), grid.rewrite(key, edit), what);
            } else if (kind < 95) {
                JsonObject keys = randomObject(random, random.nextInt(3));
                assertEquals(local.replaceAll(keys), grid.replaceAll(keys), what);
            } else if (kind < 97) {
                assertEquals(local.clear(), grid.clear(), what);
            }
        }
        KeySpaceOperations.Reader<Map<String, JsonValue>> copy = HashMap::new;
        assertEquals(local.read(copy), keySpace(0).read(copy));
    }

    /** An edit as KV_ARR_APPEND or KV_UPDATE make: a number is wrapped in an array, anything else rejected (41). */
    private static KeyRewrite.Edit wrapOrReject(JsonValue current) {
        return current instanceof JsonNumber
                ? new KeyRewrite.Edit.Replace(Json.createArrayBuilder().add(current).build(), 1)
                : new KeyRewrite.Edit.Reject(Status.VALUE_TYPE_INVALID, "not a number");
    }

    private static List<String> randomNames(Random random, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(random.nextInt(10) == 0 ? "" : "k" + random.nextInt(8));
        }
        return names;
    }

    private static JsonObject randomObject(Random random, int count) {
        JsonObjectBuilder keys = Json.createObjectBuilder();
        for (String name : randomNames(random, count)) {
            keys.add(name, randomValue(random));
        }
        return keys.build();
    }

    private static JsonValue randomValue(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> Json.createValue(random.nextInt(1000));
            case 1 -> Json.createValue(new BigDecimal("0.1000000000000000055511151231257827"));
            case 2 -> Json.createValue("s\u00e9" + random.nextInt(10));
            case 3 -> JsonValue.NULL;
            case 4 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 5 -> Json.createArrayBuilder().add(random.nextInt(5)).add("x").build();
            default -> Json.createObjectBuilder().add("n", random.nextInt(5)).add("o", Json.createObjectBuilder()).build();
        };
    }

    /**
     * Pairs {a:i, b:i} written in one KV_SET through member 0, a and b owned by members 1 and 2;
     * member 1 reads both in one KV_GET, member 2 reads a then b in two single-key reads, as
     * separate commands. A KV_GET must see a = b; single-key reads must never see b older than a
     * (every key of the write is prepared before the first is committed).
     */
    @Test
    @Order(3)
    void aMultiKeyWriteIsNeverSeenHalfAppliedThroughAnyMember() throws Exception {
        KeyPair keys = pairOnMembersOneAndTwo(0);
        String a = keys.a();
        String b = keys.b();
        int writes = 200;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger torn = new AtomicInteger();
        AtomicInteger backwards = new AtomicInteger();
        AtomicInteger olderSecond = new AtomicInteger();
        AtomicInteger readsDuringWrites = new AtomicInteger();
        together(List.of(() -> {
            for (int i = 1; i <= writes; i++) {
                keySpace(0).setAll(pair(a, b, i));
            }
            writing.set(false);
            return null;
        }, () -> {
            int last = 0;
            while (writing.get()) {
                JsonValue[] values = keySpace(1).getAll(List.of(a, b));
                if (!values[0].equals(values[1])) {
                    torn.incrementAndGet();
                }
                if (number(values[0]) < last) {
                    backwards.incrementAndGet();
                }
                last = number(values[0]);
                readsDuringWrites.incrementAndGet();
            }
            return null;
        }, () -> {
            while (writing.get()) {
                int first = number(keySpace(2).get(a));
                int second = number(keySpace(2).get(b));
                if (second < first) {
                    olderSecond.incrementAndGet();
                }
                readsDuringWrites.incrementAndGet();
            }
            return null;
        }));
        assertEquals(0, torn.get(), "KV_GETs that saw a multi-key write half-applied");
        assertEquals(0, olderSecond.get(), "single-key reads of a then b that saw b older than a");
        assertEquals(0, backwards.get(), "KV_GETs that saw an older pair after a newer one");
        assertTrue(readsDuringWrites.get() > 20, "the readers ran while the writes did: " + readsDuringWrites.get());
        assertEquals(writes, number(keySpace(1).get(b)));
    }

    /**
     * Single-key KV_SETs through member 0 set a to i, then b to i, so every state the cluster
     * passes through has a = b or a = b + 1; a KV_GET of both through member 1 must see one of
     * those states (its locks make the writes of its keys wait).
     */
    @Test
    @Order(4)
    void aMultiKeyReadSeesSingleKeyWritesInTheirOrder() throws Exception {
        KeyPair keys = pairOnMembersOneAndTwo(0);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger impossible = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        together(List.of(() -> {
            for (int i = 1; i <= 200; i++) {
                keySpace(0).setAll(Json.createObjectBuilder().add(keys.a(), i).build());
                keySpace(0).setAll(Json.createObjectBuilder().add(keys.b(), i).build());
            }
            writing.set(false);
            return null;
        }, () -> {
            while (writing.get()) {
                JsonValue[] values = keySpace(1).getAll(List.of(keys.b(), keys.a()));
                int ahead = number(values[1]) - number(values[0]);
                if (ahead != 0 && ahead != 1) {
                    impossible.incrementAndGet();
                }
                reads.incrementAndGet();
            }
            return null;
        }));
        assertEquals(0, impossible.get(), "KV_GETs that saw a state the writes never made");
        assertTrue(reads.get() > 20, "the reader ran while the writes did: " + reads.get());
    }

    /**
     * What single-key reads rely on (cluster.md 5.11): a key that a two-phase transaction has
     * prepared is read only once the transaction has committed it; before the prepare, a read sees
     * the value the transaction found. An XA transaction is prepared and committed in two calls.
     */
    @Test
    @Order(5)
    void aReadOfAKeyThatATransactionHasPreparedWaitsForTheCommit() throws Exception {
        KeyPair keys = pairOnMembersOneAndTwo(1);
        HazelcastXAResource xa = members.member(0).getXAResource();
        Xid xid = new Xid() {
            @Override
            public int getFormatId() {
                return 20;
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return "aReadOfAPreparedKey".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] getBranchQualifier() {
                return new byte[] {1};
            }
        };
        xa.start(xid, XAResource.TMNOFLAGS);
        TransactionalMap<String, String> tx = xa.getTransactionContext().getMap(GridKvStore.MAP);
        tx.set(keys.a(), "2");
        tx.set(keys.b(), "2");
        xa.end(xid, XAResource.TMSUCCESS);
        assertEquals(1, number(keySpace(2).get(keys.b())), "locked, not prepared: the old value at once");
        xa.prepare(xid);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<JsonValue> read = threads.submit(() -> keySpace(2).get(keys.b()));
            Thread.sleep(300);
            assertFalse(read.isDone(), "the read waits while the key is prepared");
            xa.commit(xid, false);
            assertEquals(2, number(read.get()));
        }
        assertEquals(2, number(keySpace(1).get(keys.a())));
    }

    /**
     * KV_CLEAR_SET through member 0 while members 1 and 2 read the two keys it sets: the keys it
     * sets appear together (readers may see them absent: the clear and the set are two steps in
     * cluster mode, cluster.md 5.4).
     */
    @Test
    @Order(6)
    void theKeysOfAClearSetAppearTogether() throws Exception {
        String x = ownedBy(1, "x");
        String y = ownedBy(2, "y");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger halfSet = new AtomicInteger();
        AtomicInteger bothSeen = new AtomicInteger();
        List<Callable<?>> tasks = new ArrayList<>();
        tasks.add(() -> {
            for (int i = 1; i <= 100; i++) {
                assertEquals(i == 1 ? 0 : 2, keySpace(0).replaceAll(pair(x, y, i)));
            }
            writing.set(false);
            return null;
        });
        for (int reader = 1; reader <= 2; reader++) {
            KeySpaceOperations keys = keySpace(reader);
            tasks.add(() -> {
                while (writing.get()) {
                    JsonValue[] values = keys.getAll(List.of(x, y));
                    if (values[0] != null && values[1] != null) {
                        bothSeen.incrementAndGet();
                        if (!values[0].equals(values[1])) {
                            halfSet.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        together(tasks);
        assertEquals(0, halfSet.get(), "reads that saw the keys of two different KV_CLEAR_SETs");
        assertTrue(bothSeen.get() > 0, "the readers saw the set keys");
        assertEquals(2, keySpace(2).count());
    }

    /** A save of the cluster, written in 0.6.4's layout, restores into the cluster as it was. */
    @Test
    @Order(7)
    void aSaveOfTheWholeClusterRestoresAsItWas(@TempDir Path root) throws Exception {
        int count = GridKvStore.BATCH + 100;
        Map<String, JsonValue> saved = new HashMap<>();
        for (int i = 0; i < count; i += 50) {
            JsonObjectBuilder batch = Json.createObjectBuilder();
            for (int j = i; j < Math.min(i + 50, count); j++) {
                JsonValue value = j % 3 == 0 ? Json.createValue(new BigDecimal("1e400")) : Json.createObjectBuilder().add("j", j).build();
                batch.add("key" + j, value);
                saved.put("key" + j, value);
            }
            keySpace(i % 3).setAll(batch.build());
        }
        BatchedSnapshot snapshot = (BatchedSnapshot) stores.get(1).snapshot();
        JsonText data = new JsonText(1 << 16).ascii("{\"keys\":{");
        int batches = 0;
        int written = 0;
        while (snapshot.batches().hasNext()) {
            KvSnapshot batch = (KvSnapshot) snapshot.batches().next();
            for (int i = 0; i < batch.size(); i++) {
                data.ascii(written++ == 0 ? "" : ",").string(batch.keys()[i]).ascii(':').value(batch.values()[i]);
            }
            batches++;
        }
        assertEquals(2, batches);
        SaveName name = new SaveName("cluster");
        writeDataset(new DatasetLayout(root), name, data.ascii("}}").toString());
        keySpace(0).clear();
        keySpace(1).setAll(Json.createObjectBuilder().add("key1", "overwritten by the load").add("other", 1).build());

        var restored = stores.get(2).restore(new DatasetReader(new DatasetLayout(root), 64), name);

        assertEquals(count, restored.keys());
        KeySpaceOperations.Reader<Map<String, JsonValue>> copy = HashMap::new;
        Map<String, JsonValue> expected = new HashMap<>(saved);
        expected.put("other", Json.createValue(1));
        assertEquals(expected, keySpace(0).read(copy));
    }

    /** A dataset as NemesisDB 0.6.4 writes it: {@code md/md.json} and one data file. */
    private static void writeDataset(DatasetLayout layout, SaveName name, String dataFile) throws IOException {
        Path ts = layout.timestampDir(name, System.nanoTime());
        long now = System.currentTimeMillis();
        Files.createDirectories(DatasetLayout.mdDir(ts));
        Files.writeString(DatasetLayout.mdFile(ts), new DatasetMetadata(name.value(), DatasetMetadata.VERSION,
                DatasetMetadata.COMPLETE, now, now, DatasetMetadata.KV_DATA, Optional.empty()).toJson());
        Files.createDirectories(DatasetLayout.dataDir(ts));
        Files.writeString(DatasetLayout.dataFile(ts, 0), dataFile, StandardCharsets.UTF_8);
    }

    /**
     * Member 2 crashes while member 0 writes single keys and pairs: every write acknowledged before
     * or after the crash is read back through member 1, and a pair whose write failed is whole or absent.
     */
    @Test
    @Order(8)
    void acknowledgedWritesSurviveTheCrashOfAMember() throws Exception {
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        List<String> failedPairs = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Callable<?>> tasks = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
            int id = writer;
            tasks.add(() -> {
                for (int i = 0; writing.get(); i++) {
                    String single = "single-" + id + "-" + (i % 40);
                    String pair = "pair-" + id + "-" + i;
                    try {
                        keySpace(0).setAll(Json.createObjectBuilder().add(single, i).build());
                        acknowledged.put(single, i);
                    } catch (RuntimeException e) {
                        // not acknowledged: either value may be there
                        acknowledged.remove(single);
                    }
                    try {
                        keySpace(0).setAll(pair(pair + "a", pair + "b", i));
                        acknowledged.put(pair + "a", i);
                        acknowledged.put(pair + "b", i);
                    } catch (RuntimeException e) {
                        failedPairs.add(pair);
                    }
                }
                return null;
            });
        }
        tasks.add(() -> {
            Thread.sleep(700);
            members.kill(2);
            Thread.sleep(1_000);
            writing.set(false);
            return null;
        });
        together(tasks);
        assertTrue(acknowledged.size() > 50, "writes were acknowledged: " + acknowledged.size());
        List<String> names = new ArrayList<>(acknowledged.keySet());
        JsonValue[] values = keySpace(1).getAll(names);
        for (int i = 0; i < names.size(); i++) {
            assertEquals(Json.createValue(acknowledged.get(names.get(i))), values[i], names.get(i));
        }
        for (String pair : failedPairs) {
            JsonValue[] halves = keySpace(1).getAll(List.of(pair + "a", pair + "b"));
            assertEquals(halves[0], halves[1], "a failed pair write is whole or absent: " + pair);
        }
    }
}
