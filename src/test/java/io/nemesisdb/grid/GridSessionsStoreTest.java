package io.nemesisdb.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.nemesisdb.kv.KeyRewrite;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.session.Expiry;
import io.nemesisdb.session.Sessions;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Sessions mode on three grid members in this JVM: whatever member a session is created on, the
 * others find, change, expire and end it, each command atomic; expiry is exact through any member.
 */
class GridSessionsStoreTest {

    private static final int FIRST_PORT = 21100;

    private static GridMembers members;
    private static GridSessionsStore a;
    private static GridSessionsStore b;
    private static GridSessionsStore c;
    /** The expiries the three members counted, together: each expiry must be counted once, by one of them. */
    private static final AtomicInteger EXPIRED = new AtomicInteger();

    @BeforeAll
    static void startMembers() {
        members = new GridMembers(3, FIRST_PORT);
        a = new GridSessionsStore(members.member(0), EXPIRED::addAndGet);
        b = new GridSessionsStore(members.member(1), EXPIRED::addAndGet);
        c = new GridSessionsStore(members.member(2), EXPIRED::addAndGet);
    }

    @AfterAll
    static void stopMembers() {
        members.close();
    }

    @AfterEach
    void endEverySession() {
        a.endAll();
        EXPIRED.set(0);
    }

    private static KeySpaceOperations keySpace(GridSessionsStore store, long token) {
        return new GridKeySpace(members.member(store == a ? 0 : store == b ? 1 : 2).getMap(GridSessionsStore.MAP), token,
                EXPIRED::addAndGet);
    }

    private static JsonObject pair(int value) {
        return Json.createObjectBuilder().add("a", value).add("b", value).build();
    }

    @Test
    void aSessionCreatedOnOneMemberIsFoundChangedAndEndedThroughTheOthers() {
        long token = a.createPrivate(Expiry.NEVER);
        keySpace(b, token).setAll(Json.createObjectBuilder().add("k", "v").add("n", 1).build());
        assertEquals(Json.createValue("v"), keySpace(c, token).get("k"));
        assertEquals(List.of("k", "n"), keySpace(a, token).keys());
        Sessions.Info info = c.info(token);
        assertEquals(2, info.keyCount());
        assertFalse(info.shared());
        assertTrue(b.end(token));
        assertFalse(a.exists(token));
        assertFalse(c.end(token));
        assertThrows(KeySpaceOperations.Closed.class, () -> keySpace(c, token).get("k"));
    }

    @Test
    void everyKeySpaceOperationWorksOnTheOwnerInZeroSixFourOrder() {
        long token = b.createPrivate(Expiry.NEVER);
        KeySpaceOperations keys = keySpace(c, token);
        keys.setAll(Json.createObjectBuilder().add("z", 1).add("y", JsonValue.NULL).build());
        keys.addAbsent(Json.createObjectBuilder().add("z", 2).add("x", Json.createArrayBuilder().add(1)).build());
        assertEquals(List.of("z", "y", "x"), keys.keys());
        assertEquals(1, ((JsonNumber) keys.get("z")).intValue());
        assertArrayEquals(new JsonValue[] {JsonValue.NULL, null}, keys.getAll(List.of("y", "absent")));
        keys.removeAll(List.of("y", "absent"));
        assertEquals(2, keys.count());
        assertEquals(List.of("z", "x"), keys.read(map -> new ArrayList<>(map.keySet())));
        KeyRewrite.Edit edit = keys.rewrite("z", current -> new KeyRewrite.Edit.Replace(Json.createValue(5), 1));
        assertTrue(edit instanceof KeyRewrite.Edit.Replace);
        assertEquals(5, ((JsonNumber) keySpace(a, token).get("z")).intValue());
        KeyRewrite.Edit absent = keys.rewrite("none", current -> new KeyRewrite.Edit.Replace(current, 1));
        assertEquals(Status.KEY_NOT_EXIST, ((KeyRewrite.Edit.Reject) absent).status());
        assertEquals(2, keys.replaceAll(Json.createObjectBuilder().add("w", true).build()));
        assertEquals(List.of("w"), keys.keys());
        assertEquals(1, keys.clear());
        assertEquals(0, keys.count());
    }

    @Test
    void sharedSessionsAreFoundByNameFromEveryMember() {
        Sessions.NewShared created = a.createShared("room", Expiry.NEVER);
        assertNotNull(created.token());
        assertEquals(new Sessions.NewShared(null, true), b.createShared("room", Expiry.NEVER));
        assertEquals(created.token(), c.findShared("room"));
        assertNull(c.findShared("other room"));
        assertTrue(c.info(created.token()).shared());
    }

    @Test
    void anExpiredSessionThatIsDeletedIsGoneThroughEveryMemberOnceItsTimeIsUp() throws InterruptedException {
        long token = a.createPrivate(new Expiry(1, true));
        keySpace(a, token).setAll(pair(1));
        Thread.sleep(1_100);
        assertFalse(b.exists(token));
        assertNull(c.info(token));
        assertEquals(0, EXPIRED.get(), "looking does not apply the expiry");
        assertThrows(KeySpaceOperations.Closed.class, () -> keySpace(c, token).get("a"));
        assertEquals(1, EXPIRED.get(), "the command that found its time up applied it");
        assertThrows(KeySpaceOperations.Closed.class, () -> keySpace(b, token).get("a"));
        assertFalse(b.end(token));
        assertEquals(1, EXPIRED.get());
    }

    @Test
    void anExpiredSessionThatIsKeptIsEmptiedAndLivesOn() throws InterruptedException {
        long token = b.createPrivate(new Expiry(1, false));
        keySpace(a, token).setAll(pair(1));
        Thread.sleep(1_100);
        assertTrue(c.exists(token));
        assertEquals(0, a.info(token).keyCount());
        assertNull(keySpace(c, token).get("a"));
        assertEquals(0, keySpace(b, token).count());
        assertEquals(1, EXPIRED.get(), "emptied once, by the first command after its time");
    }

    @Test
    void aKvCommandThroughAnyMemberExtendsTheSession() throws InterruptedException {
        long token = a.createPrivate(new Expiry(3, true));
        Thread.sleep(2_000);
        keySpace(b, token).count();
        Thread.sleep(2_000);
        // 4 s after creation, 2 s after the command that extended it
        assertTrue(c.exists(token));
        assertEquals(3, c.info(token).expiry().durationSeconds());
    }

    @Test
    void eachCommandIsAtomicAcrossMembers() throws Exception {
        long token = a.createPrivate(Expiry.NEVER);
        keySpace(a, token).setAll(pair(0));
        AtomicInteger violations = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            work.add(threads.submit(() -> {
                for (int i = 1; i <= 300; i++) {
                    keySpace(a, token).setAll(pair(i));
                }
            }));
            for (GridSessionsStore reader : List.of(b, c)) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        JsonValue[] values = keySpace(reader, token).getAll(List.of("a", "b"));
                        if (!values[0].equals(values[1])) {
                            violations.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        }
        assertEquals(0, violations.get());
        assertEquals(300, ((JsonNumber) keySpace(c, token).get("b")).intValue());
    }

    @Test
    void totalsAndEndAllCoverTheWholeCluster() {
        for (GridSessionsStore store : List.of(a, b, c, a, b)) {
            keySpace(store, store.createPrivate(Expiry.NEVER)).setAll(pair(1));
        }
        assertEquals(new Sessions.Totals(5, 10), c.totals());
        assertEquals(5, b.endAll());
        assertEquals(new Sessions.Totals(0, 0), a.totals());
    }

    @Test
    void eachMemberSweepsTheExpiredSessionsItOwns() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            a.createPrivate(new Expiry(1, true));
        }
        long kept = b.createPrivate(Expiry.NEVER);
        Thread.sleep(1_100);
        assertEquals(20, a.sweepExpired() + b.sweepExpired() + c.sweepExpired());
        assertEquals(20, EXPIRED.get());
        assertEquals(1, members.member(2).getMap(GridSessionsStore.MAP).size());
        assertTrue(a.exists(kept));
    }

    @Test
    void aSnapshotCopiesEverySessionInBatches() {
        int count = GridSessionsStore.SNAPSHOT_BATCH + 10;
        for (int i = 0; i < count; i++) {
            keySpace(b, a.createPrivate(Expiry.NEVER)).setAll(pair(i));
        }
        var snapshot = (io.nemesisdb.persist.BatchedSnapshot) c.snapshot();
        int sessions = 0;
        int batches = 0;
        while (snapshot.batches().hasNext()) {
            sessions += ((io.nemesisdb.persist.SessionsSnapshot) snapshot.batches().next()).sessions().size();
            batches++;
        }
        assertEquals(count, sessions);
        assertEquals(2, batches);
    }
}
