package io.nemesisdb.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.nemesisdb.kv.KeySpace;
import jakarta.json.JsonValue;

/**
 * Every session of the server, by token, with their expiry applied.
 *
 * <p><b>Concurrency.</b> Sessions live in a {@link SessionTable}, and each has its own key space and
 * lock: there is no global lock, so a busy session never blocks another. Ending a session removes
 * it from the table and then {@linkplain KeySpace#close() closes} its key space, which waits for the
 * commands running on it; a command that found the session before the end and runs after it gets
 * {@link KeySpace.Closed}, which callers turn into "no such session". So every command runs either
 * wholly before the end or not at all.
 *
 * <p><b>Expiry.</b> Time comes from a monotonic {@link NanoClock}. Every lookup first applies an
 * expiry whose time is up, so an expired session behaves as expired the instant its time is up:
 * deleted, or emptied with a fresh deadline. {@link #access} (the {@code KV_} commands) also
 * restarts the idle clock; the other lookups ({@code SH_} commands) do not. {@link #sweep} applies
 * due expiries to every session, so that idle sessions return their memory without being looked
 * up; {@link ExpirySweeper} runs it in the background.
 *
 * <p><b>Shared sessions</b> are found by name: a name's token is derived from it
 * ({@link SharedToken}), and the session of that token is the name's only when it
 * {@linkplain Session#answersTo answers to} the name, so a name whose token collides with another
 * name's never reaches the other's session.
 *
 * <p><b>Saving and loading</b> (for {@code SH_SAVE}/{@code SH_LOAD}):
 * <ul>
 * <li>{@link #snapshot(Collection)} and {@link #snapshotAll()} copy the chosen sessions (token,
 *     sharing, name when known, expiry settings, keys). Each session is copied under its read lock,
 *     which only waits for a write in progress on that session and blocks its writers for the time
 *     of a copy of its key references (values are immutable and shared, not copied). Each session
 *     is consistent in itself; sessions are copied one after another, not at one global instant.
 *     Unknown and expired tokens are skipped.</li>
 * <li>{@link #restore(List)} adds sessions read from a dataset, keeping token, sharing, name (when
 *     the dataset has it) and expiry settings; their idle clocks start at the restore. A session
 *     whose token exists is skipped and left unchanged.</li>
 * </ul>
 */
public final class SessionStore {

    private final SessionTable sessions = new SessionTable();
    private final AtomicInteger expiring = new AtomicInteger();
    private final NanoClock clock;
    private final LongSupplier randomLongs;
    private volatile Runnable expiryListener = () -> { };

    /**
     * @param clock       the monotonic clock expiry is measured with
     * @param randomLongs where tokens of sessions that are not shared come from: a
     *                    cryptographically strong generator outside tests
     */
    public SessionStore(NanoClock clock, LongSupplier randomLongs) {
        this.clock = clock;
        this.randomLongs = randomLongs;
    }

    /** Calls {@code listener} once for every session that expires (deleted or emptied), for metrics. */
    public void onExpiry(Runnable listener) {
        this.expiryListener = listener;
    }

    /** A new session that is not shared, with a fresh random token. */
    public Session createPrivate(Expiry expiry) {
        while (true) {
            Session session = new Session(randomToken(), false, null, expiry, clock.nanoTime());
            if (insert(session)) {
                return session;
            }
        }
    }

    /**
     * What {@link #createShared} did: {@code created} is the new session, or {@code null} when the
     * name's token is held; then {@code nameInUse} tells whether by a session that
     * {@linkplain Session#answersTo answers to} the name, or by a session of another name.
     */
    public record NewShared(Session created, boolean nameInUse) {
    }

    /** A new shared session named {@code name}, unless its token is held by another session. */
    public NewShared createShared(String name, Expiry expiry) {
        long token = SharedToken.of(name);
        Session session = new Session(token, true, name, expiry, clock.nanoTime());
        while (!insert(session)) {
            Session holder = find(token);
            if (holder != null) {
                return new NewShared(null, holder.answersTo(name));
            }
            // the holder of the token had expired and is gone now: try again
        }
        return new NewShared(session, false);
    }

    /**
     * The shared session that {@code name} reaches, or {@code null}: never a session of another
     * name whose token is the same (see {@link Session#answersTo}). Does not touch its idle clock.
     */
    public Session findShared(String name) {
        Session session = find(SharedToken.of(name));
        return session != null && session.answersTo(name) ? session : null;
    }

    /**
     * The session of {@code token} for a {@code KV_} command, its idle clock restarted, or
     * {@code null} when there is none (or it has just expired and was deleted).
     */
    public Session access(long token) {
        Session session = sessions.get(token);
        if (session == null || !session.expires()) {
            return session;
        }
        long now = clock.nanoTime();
        while (!session.touch(now)) {
            if (!expireIfDue(session, now)) {
                return null;
            }
            session = sessions.get(token);
            if (session == null) {
                return null;
            }
        }
        return session;
    }

    /** The session of {@code token} without touching its idle clock, or {@code null}. */
    public Session find(long token) {
        Session session = sessions.get(token);
        return session != null && expireIfDue(session, clock.nanoTime()) ? session : null;
    }

    /** True when a session of {@code token} exists; does not touch its idle clock. */
    public boolean exists(long token) {
        return find(token) != null;
    }

    /** Ends the session of {@code token}; false when there was none. */
    public boolean end(long token) {
        Session session = find(token);
        return session != null && end(session);
    }

    /**
     * Ends every session that exists when it starts and returns how many it ended. A session
     * created meanwhile is left, as if created just after: iterating the live table would also end
     * and count it, and so count more sessions than ever existed at once.
     */
    public int endAll() {
        long now = clock.nanoTime();
        int ended = 0;
        for (Session session : sessions.all()) {
            boolean alive = !session.isDue(now) || !session.deletedOnExpiry();
            if (end(session) && alive) {
                ended++;
            }
        }
        return ended;
    }

    /** The number of sessions and of keys in all of them. */
    public Sessions.Totals totals() {
        long now = clock.nanoTime();
        long count = 0;
        long keys = 0;
        for (Session session : sessions.all()) {
            if (expireIfDue(session, now)) {
                try {
                    keys += session.keySpace().count();
                    count++;
                } catch (KeySpace.Closed ended) {
                    // ended meanwhile: not counted
                }
            }
        }
        return new Sessions.Totals(count, keys);
    }

    /** The number of sessions, expired ones included until they are swept or looked up. */
    public int size() {
        return sessions.size();
    }

    /** Applies every expiry whose time is up; returns how many sessions it deleted or emptied. */
    public int sweep() {
        if (expiring.get() == 0) {
            return 0;
        }
        long now = clock.nanoTime();
        int[] expired = {0};
        // a session missed while the table grows expires at the next sweep or lookup
        sessions.forEach(session -> {
            if (session.isDue(now)) {
                expireIfDue(session, now);
                expired[0]++;
            }
        });
        return expired[0];
    }

    /**
     * Copies of the sessions of {@code tokens} that exist, in that order, each once; see the class
     * comment.
     */
    public List<SessionSnapshot> snapshot(Collection<Long> tokens) {
        List<SessionSnapshot> copies = new ArrayList<>(tokens.size());
        for (long token : new LinkedHashSet<>(tokens)) {
            Session session = find(token);
            if (session != null) {
                copy(session, copies);
            }
        }
        return copies;
    }

    /** Copies of all sessions; see the class comment. */
    public List<SessionSnapshot> snapshotAll() {
        long now = clock.nanoTime();
        List<SessionSnapshot> copies = new ArrayList<>(sessions.size());
        for (Session session : sessions.all()) {
            if (expireIfDue(session, now)) {
                copy(session, copies);
            }
        }
        return copies;
    }

    /**
     * Adds the sessions of a dataset, skipping those whose token exists; their idle clocks start
     * now. Returns how many were added.
     */
    public int restore(List<RestoredSession> restoring) {
        int restored = 0;
        for (RestoredSession saved : restoring) {
            Session session = new Session(saved.token(), saved.shared(), saved.name(), saved.expiry(), clock.nanoTime());
            String[] keys = saved.keys();
            JsonValue[] values = saved.values();
            if (keys.length > 0) {
                session.keySpace().write(map -> {
                    for (int i = 0; i < keys.length; i++) {
                        map.put(keys[i], values[i]);
                    }
                    return null;
                });
            }
            if (find(saved.token()) == null && insert(session)) {
                restored++;
            }
        }
        return restored;
    }

    /** The clock reading now, for replies that report remaining time. */
    public long now() {
        return clock.nanoTime();
    }

    private long randomToken() {
        while (true) {
            long token = randomLongs.getAsLong();
            // never 0, and never a token that a shared session's name could produce
            if (token != 0 && !SharedToken.hasSharedForm(token)) {
                return token;
            }
        }
    }

    private boolean insert(Session session) {
        if (!sessions.putIfAbsent(session)) {
            return false;
        }
        if (session.expires()) {
            expiring.incrementAndGet();
        }
        return true;
    }

    /** Ends {@code session} if it is still in the store; false when someone else ended it first. */
    private boolean end(Session session) {
        if (!sessions.remove(session)) {
            return false;
        }
        if (session.expires()) {
            expiring.decrementAndGet();
        }
        session.keySpace().close();
        return true;
    }

    /** Applies {@code session}'s expiry if it is due at {@code now}; false when it no longer exists. */
    private boolean expireIfDue(Session session, long now) {
        if (!session.isDue(now)) {
            return !session.keySpace().isClosed();
        }
        if (session.deletedOnExpiry()) {
            if (end(session)) {
                expiryListener.run();
            }
            return false;
        }
        try {
            if (session.clearIfDue(now)) {
                expiryListener.run();
            }
            return true;
        } catch (KeySpace.Closed ended) {
            return false;
        }
    }

    private static void copy(Session session, List<SessionSnapshot> copies) {
        try {
            // the snapshot copies the keys, under the read lock
            copies.add(session.keySpace().read(keys ->
                    new SessionSnapshot(session.token(), session.shared(), session.name(), session.expiry(), keys)));
        } catch (KeySpace.Closed ended) {
            // ended while being copied: not part of the snapshot
        }
    }
}
