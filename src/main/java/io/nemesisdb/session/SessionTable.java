package io.nemesisdb.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The sessions by token: a hash table whose chains run through the sessions themselves
 * ({@link Session#next}), so that a session costs the table 4 bytes (its bucket) where a
 * {@code ConcurrentHashMap<Long, Session>} took 64 (a node, a boxed token, two buckets): a
 * fifth of a session with two small keys.
 *
 * <p>Lookups take no lock. Additions, removals and growth hold this table's monitor. A removal
 * unlinks the session and leaves its own link, so a lookup that stands on it walks on. Growth
 * relinks every session into a new bucket array, so a lookup that misses while the table grows
 * waits for the growth and looks again ({@link #growths} is odd meanwhile); a lookup that finds
 * its token is right either way. Tokens are placed by a hash keyed by a random seed, so that no
 * choice of names (shared tokens come from names) can pile sessions into one chain.
 */
final class SessionTable {

    private static final VarHandle BUCKET = MethodHandles.arrayElementVarHandle(Session[].class);
    private static final VarHandle NEXT;
    private static final int FIRST_CAPACITY = 16;
    private static final long SEED = new SecureRandom().nextLong();

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Session.class, "next", Session.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Session[] buckets = new Session[FIRST_CAPACITY];
    private volatile int size;
    /** Odd while the table grows; counts growths begun and ended. */
    private volatile int growths;

    /** The session of {@code token}, or null. */
    Session get(long token) {
        while (true) {
            int growths = this.growths;
            Session[] buckets = this.buckets;
            for (Session session = (Session) BUCKET.getAcquire(buckets, bucket(token, buckets.length));
                    session != null; session = (Session) NEXT.getAcquire(session)) {
                if (session.token() == token) {
                    return session;
                }
            }
            if (noGrowthSince(growths)) {
                return null;
            }
        }
    }

    /** Adds {@code session} unless a session of its token is stored; false then. */
    synchronized boolean putIfAbsent(Session session) {
        Session[] buckets = this.buckets;
        int bucket = bucket(session.token(), buckets.length);
        for (Session stored = buckets[bucket]; stored != null; stored = stored.next) {
            if (stored.token() == session.token()) {
                return false;
            }
        }
        NEXT.set(session, buckets[bucket]);
        BUCKET.setRelease(buckets, bucket, session);
        size++;
        if (size > buckets.length) {
            grow();
        }
        return true;
    }

    /** Removes {@code session} itself (not another session of its token); false when it is not stored. */
    synchronized boolean remove(Session session) {
        Session[] buckets = this.buckets;
        int bucket = bucket(session.token(), buckets.length);
        Session previous = null;
        for (Session stored = buckets[bucket]; stored != null; previous = stored, stored = stored.next) {
            if (stored == session) {
                if (previous == null) {
                    BUCKET.setRelease(buckets, bucket, session.next);
                } else {
                    NEXT.setRelease(previous, session.next);
                }
                size--;
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    /** Every session stored from the start of the call to its end (others perhaps too); looks again if the table grew meanwhile. */
    List<Session> all() {
        while (true) {
            int growths = this.growths;
            List<Session> sessions = new ArrayList<>(size);
            forEach(sessions::add);
            if (noGrowthSince(growths)) {
                return sessions;
            }
        }
    }

    /** Runs {@code action} on the sessions, without a lock; while the table grows it may miss some or see some twice. */
    void forEach(Consumer<Session> action) {
        Session[] buckets = this.buckets;
        for (int i = 0; i < buckets.length; i++) {
            for (Session session = (Session) BUCKET.getAcquire(buckets, i); session != null;
                    session = (Session) NEXT.getAcquire(session)) {
                action.accept(session);
            }
        }
    }

    /**
     * True when the table has not grown since {@code growths} was read (and was not growing then);
     * otherwise waits for the growth in progress to end and returns false, for the caller to look again.
     */
    private boolean noGrowthSince(int growths) {
        if ((growths & 1) == 0 && this.growths == growths) {
            return true;
        }
        synchronized (this) {
            // growth holds the monitor: this waits for it to end
        }
        return false;
    }

    /** Doubles the bucket array, relinking every session; under the monitor. */
    private void grow() {
        growths++;
        Session[] old = buckets;
        Session[] larger = new Session[old.length * 2];
        for (Session first : old) {
            for (Session session = first, next; session != null; session = next) {
                next = session.next;
                int bucket = bucket(session.token(), larger.length);
                // released: a lookup that follows this link then sees the growth begun
                NEXT.setRelease(session, larger[bucket]);
                larger[bucket] = session;
            }
        }
        buckets = larger;
        growths++;
    }

    private static int bucket(long token, int length) {
        long h = token ^ SEED;
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (int) (h ^ (h >>> 33)) & (length - 1);
    }
}
