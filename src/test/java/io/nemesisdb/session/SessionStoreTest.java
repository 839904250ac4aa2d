package io.nemesisdb.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.nemesisdb.kv.KeySpace;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/** The session store on a hand-driven clock: tokens, expiry to the nanosecond, ending, snapshots. */
class SessionStoreTest {

    private static final long SECOND = 1_000_000_000L;
    /** Two names with one shared token (the mask leaves 39 free bits). */
    private static final String NAME = "room-551618";
    private static final String COLLIDING = "room-793997";

    /** Starts far from zero and near the wrap-around, as {@link System#nanoTime()} may. */
    private long now = Long.MAX_VALUE - 5 * SECOND;
    private final Deque<Long> randoms = new ArrayDeque<>();
    private final SessionStore store = new SessionStore(() -> now, () -> randoms.isEmpty() ? 42L : randoms.poll());

    /** A session to restore whose keys are {@code names}, each holding its length. */
    private static RestoredSession restoring(long token, boolean shared, Expiry expiry, String... names) {
        return restoringNamed(token, shared, null, expiry, names);
    }

    /** As {@link #restoring}, for a dataset that kept the session's name ({@code null}: it did not). */
    private static RestoredSession restoringNamed(long token, boolean shared, String name, Expiry expiry, String... names) {
        JsonValue[] values = new JsonValue[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = Json.createValue(names[i].length());
        }
        return new RestoredSession(token, shared, name, expiry, names, values);
    }

    private static Map<String, JsonValue> keys(String... names) {
        var builder = Json.createObjectBuilder();
        for (String name : names) {
            builder.add(name, name.length());
        }
        return builder.build();
    }

    @Test
    void privateTokensSkipZeroSharedFormsAndLiveTokens() {
        randoms.addAll(List.of(0L, SharedToken.of("user"), -1L, 7L, 7L, 9L));
        Session first = store.createPrivate(Expiry.NEVER);
        Session second = store.createPrivate(Expiry.NEVER);
        assertEquals(7L, first.token());
        assertEquals(9L, second.token());
        assertFalse(first.shared());
    }

    @Test
    void sharedSessionOfAnExistingNameIsRefusedAndChangesNothing() {
        Session first = store.createShared("room", new Expiry(10, true)).created();
        assertEquals(SharedToken.of("room"), first.token());
        assertEquals(new SessionStore.NewShared(null, true), store.createShared("room", Expiry.NEVER));
        assertSame(first, store.find(first.token()));
        assertEquals(1, store.size());
    }

    @Test
    void sessionDeletedOnExpiryIsGoneTheNanosecondItsTimeIsUp() {
        Session session = store.createPrivate(new Expiry(2, true));
        now += 2 * SECOND - 1;
        assertNotNull(store.find(session.token()));
        now += 1;
        assertNull(store.find(session.token()));
        assertNull(store.access(session.token()));
        assertTrue(session.keySpace().isClosed());
        assertEquals(0, store.size());
    }

    @Test
    void sessionClearedOnExpiryLosesItsKeysAndGetsAFreshDeadline() {
        Session session = store.createPrivate(new Expiry(2, false));
        session.keySpace().setAll(Json.createObjectBuilder().add("a", 1).build());
        now += 2 * SECOND;
        Session found = store.find(session.token());
        assertSame(session, found);
        assertEquals(0, session.keySpace().count());
        assertEquals(2, session.remainingSeconds(now));
        assertEquals(1, session.remainingSeconds(now + 1));
        now += 2 * SECOND - 1;
        assertEquals(0, session.remainingSeconds(now));
        assertNotNull(store.find(session.token()));
    }

    @Test
    void accessRestartsTheIdleClockButFindDoesNot() {
        Session session = store.createPrivate(new Expiry(2, true));
        now += SECOND + SECOND / 2;
        assertSame(session, store.access(session.token()));
        now += SECOND + SECOND / 2;
        assertNotNull(store.find(session.token()), "access extended the session");
        assertTrue(store.exists(session.token()));
        now += SECOND / 2;
        assertNull(store.find(session.token()), "find and exists did not extend it");
    }

    @Test
    void accessOfADueClearedSessionClearsItThenUsesIt() {
        Session session = store.createPrivate(new Expiry(1, false));
        session.keySpace().setAll(Json.createObjectBuilder().add("a", 1).build());
        now += 5 * SECOND;
        assertSame(session, store.access(session.token()));
        assertEquals(0, session.keySpace().count());
        assertEquals(0, session.remainingSeconds(now + SECOND));
        assertEquals(1, store.totals().sessions());
    }

    @Test
    void sessionThatNeverExpiresStaysWithItsKeys() {
        Session session = store.createPrivate(Expiry.NEVER);
        session.keySpace().setAll(Json.createObjectBuilder().add("a", 1).build());
        now += 1_000_000 * SECOND;
        assertEquals(0, store.sweep());
        assertSame(session, store.find(session.token()));
        assertEquals(1, session.keySpace().count());
        assertEquals(0, session.remainingSeconds(now));
    }

    @Test
    void sweepRemovesDueSessionsWithoutLookups() {
        randoms.addAll(List.of(1L, 2L, 3L));
        Session deleted = store.createPrivate(new Expiry(1, true));
        Session cleared = store.createPrivate(new Expiry(1, false));
        Session kept = store.createPrivate(new Expiry(3, true));
        cleared.keySpace().setAll(Json.createObjectBuilder().add("a", 1).build());
        now += SECOND;
        assertEquals(2, store.sweep());
        assertEquals(2, store.size());
        assertTrue(deleted.keySpace().isClosed());
        assertEquals(0, cleared.keySpace().count());
        assertFalse(kept.keySpace().isClosed());
    }

    @Test
    void endClosesTheKeySpaceSoLaterOperationsFail() {
        Session session = store.createPrivate(Expiry.NEVER);
        KeySpace keySpace = store.access(session.token()).keySpace();
        assertTrue(store.end(session.token()));
        assertFalse(store.end(session.token()));
        assertThrows(KeySpace.Closed.class, keySpace::count);
        assertNull(store.access(session.token()));
    }

    @Test
    void endAllCountsLiveSessionsOnly() {
        randoms.addAll(List.of(1L, 2L, 3L));
        store.createPrivate(new Expiry(1, true));
        store.createPrivate(new Expiry(1, false));
        store.createPrivate(Expiry.NEVER);
        now += SECOND;
        assertEquals(2, store.endAll());
        assertEquals(0, store.size());
        assertEquals(new Sessions.Totals(0, 0), store.totals());
    }

    @Test
    void totalsCountSessionsAndKeys() {
        randoms.addAll(List.of(1L, 2L));
        store.createPrivate(Expiry.NEVER).keySpace().setAll(Json.createObjectBuilder().add("a", 1).add("b", 2).build());
        store.createShared("s", Expiry.NEVER).created().keySpace().setAll(Json.createObjectBuilder().add("a", 1).build());
        store.createPrivate(Expiry.NEVER);
        assertEquals(new Sessions.Totals(3, 3), store.totals());
    }

    @Test
    void snapshotCopiesChosenSessionsAndIsNotAffectedByLaterWrites() {
        randoms.addAll(List.of(11L, 12L));
        Session first = store.createPrivate(new Expiry(30, false));
        Session shared = store.createShared("team", new Expiry(60, true)).created();
        first.keySpace().setAll(Json.createObjectBuilder().add("a", 1).build());
        List<SessionSnapshot> snapshot = store.snapshot(List.of(shared.token(), 999L, first.token(), shared.token()));
        first.keySpace().setAll(Json.createObjectBuilder().add("b", 2).build());

        assertEquals(List.of(
                new SessionSnapshot(shared.token(), true, "team", new Expiry(60, true), Map.of()),
                new SessionSnapshot(11L, false, null, new Expiry(30, false), keys("a"))), snapshot);
        assertEquals(2, store.snapshotAll().size());
    }

    @Test
    void restoreKeepsSettingsRestartsTheClockAndSkipsExistingTokens() {
        randoms.add(5L);
        Session existing = store.createPrivate(Expiry.NEVER);
        existing.keySpace().setAll(Json.createObjectBuilder().add("mine", 1).build());
        long bigToken = Long.parseUnsignedLong("18446744073709551615");
        int restored = store.restore(List.of(
                restoring(5L, true, new Expiry(10, true), "x"),
                restoring(bigToken, true, new Expiry(10, false), "a", "bb")));
        assertEquals(1, restored);
        assertEquals(List.of("mine"), existing.keySpace().keys());
        Session loaded = store.find(bigToken);
        assertTrue(loaded.shared());
        assertEquals(new Expiry(10, false), loaded.expiry());
        assertEquals(2, loaded.keySpace().count());
        assertEquals(9, loaded.remainingSeconds(now + SECOND / 2));
    }

    @Test
    void restoredSharedSessionIsFoundByItsName() {
        store.restore(List.of(restoring(SharedToken.of("shared1"), true, Expiry.NEVER)));
        assertEquals(new SessionStore.NewShared(null, true), store.createShared("shared1", Expiry.NEVER));
        assertNotEquals(null, store.find(SharedToken.of("shared1")));
        assertSame(store.find(SharedToken.of("shared1")), store.findShared("shared1"));
    }

    @Test
    void theCollidingNamesReallyShareAToken() {
        assertEquals(SharedToken.of(NAME), SharedToken.of(COLLIDING));
        assertEquals("5436266092968263419", Long.toUnsignedString(SharedToken.of(NAME)));
    }

    @Test
    void aNameWhoseTokenIsHeldByAnotherNameNeverReachesThatSession() {
        Session first = store.createShared(NAME, Expiry.NEVER).created();
        first.keySpace().setAll(Json.createObjectBuilder().add("a", 1).build());
        assertNull(store.findShared(COLLIDING));
        assertEquals(new SessionStore.NewShared(null, false), store.createShared(COLLIDING, Expiry.NEVER));
        assertSame(first, store.findShared(NAME));
        assertEquals(List.of("a"), first.keySpace().keys());
        assertEquals(1, store.size());
    }

    @Test
    void aRestoredSessionKeepsItsNameAndTheCheck() {
        store.restore(List.of(restoringNamed(SharedToken.of(NAME), true, NAME, Expiry.NEVER, "a")));
        assertNull(store.findShared(COLLIDING));
        assertEquals(new SessionStore.NewShared(null, false), store.createShared(COLLIDING, Expiry.NEVER));
        assertEquals(new SessionStore.NewShared(null, true), store.createShared(NAME, Expiry.NEVER));
        assertNotNull(store.findShared(NAME));
        assertEquals(NAME, store.snapshotAll().get(0).name());
    }

    @Test
    void aRestoredSessionWithoutANameAnswersToEveryNameOfItsTokenAs064Does() {
        store.restore(List.of(restoring(SharedToken.of(NAME), true, Expiry.NEVER, "a")));
        Session loaded = store.find(SharedToken.of(NAME));
        assertSame(loaded, store.findShared(COLLIDING));
        assertSame(loaded, store.findShared(NAME));
        assertEquals(new SessionStore.NewShared(null, true), store.createShared(COLLIDING, Expiry.NEVER));
        assertNull(store.snapshotAll().get(0).name(), "no name is invented for it");
    }

    @Test
    void aRestoredPrivateSessionWithASharedFormTokenIsNeverReachedByName() {
        // 0.6.4's private tokens are random hashes: one in 2^25 has every bit of the mask set
        store.restore(List.of(restoring(SharedToken.of(NAME), false, Expiry.NEVER, "a")));
        assertNull(store.findShared(NAME));
        assertEquals(new SessionStore.NewShared(null, false), store.createShared(NAME, Expiry.NEVER));
    }
}
