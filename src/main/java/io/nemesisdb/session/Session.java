package io.nemesisdb.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.nemesisdb.kv.KeySpace;

/**
 * One session: its token, sharing, expiry settings, key space and idle deadline. A session is its
 * own key space: one object of 80 bytes where there were four of 160.
 *
 * <p>The deadline is the only mutable state besides the key space. It moves forward by
 * compare-and-set, so that a {@code KV_} access that restarts the clock and an expiry that
 * clears the keys never both win: either the access comes first and the session is not due any
 * more, or the expiry comes first and the access runs on the cleared session. Clearing happens
 * under the key space's write lock, so no command observes it half done.
 */
public final class Session extends KeySpace {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Most sessions hold a few keys; the key space grows for those that hold more. */
    private static final int EXPECTED_KEYS = 2;
    private static final VarHandle DEADLINE;

    static {
        try {
            DEADLINE = MethodHandles.lookup().findVarHandle(Session.class, "deadline", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long token;
    private final String name;
    private final boolean shared;
    private final long durationSeconds;
    private final boolean deleteSession;
    @SuppressWarnings("unused") // accessed through DEADLINE
    private volatile long deadline;
    /** The next session in its chain of the {@link SessionTable}. */
    Session next;

    /**
     * @param name the shared session's name when known, else {@code null}
     * @param now  the clock reading at which the idle clock starts
     */
    Session(long token, boolean shared, String name, Expiry expiry, long now) {
        super(EXPECTED_KEYS);
        this.token = token;
        this.shared = shared;
        this.name = name;
        this.durationSeconds = expiry.durationSeconds();
        this.deleteSession = expiry.deleteSession();
        this.deadline = now + durationNanos();
    }

    public long token() {
        return token;
    }

    public boolean shared() {
        return shared;
    }

    String name() {
        return name;
    }

    /**
     * True when {@code name}, whose shared token is this session's, may reach this session: it is
     * shared, and {@code name} is its name or its name is unknown (restored from a dataset saved
     * without names, by 0.6.4 or an older build, where any name of that token reaches it, as in
     * 0.6.4). Tokens have 39 free bits, so different names do share a token.
     */
    boolean answersTo(String name) {
        return shared && (this.name == null || this.name.equals(name));
    }

    public Expiry expiry() {
        return durationSeconds == 0 ? Expiry.NEVER : new Expiry(durationSeconds, deleteSession);
    }

    public boolean expires() {
        return durationSeconds != 0;
    }

    boolean deletedOnExpiry() {
        return deleteSession;
    }

    public KeySpace keySpace() {
        return this;
    }

    /** True when the session expires and its time is up at {@code now}. */
    boolean isDue(long now) {
        return durationSeconds != 0 && now - deadline >= 0;
    }

    /** Whole seconds until expiry at {@code now}, never negative; 0 for sessions that never expire. */
    public long remainingSeconds(long now) {
        return durationSeconds == 0 ? 0 : Math.max(0, (deadline - now) / NANOS_PER_SECOND);
    }

    /**
     * Restarts the idle clock at {@code now}, unless the session is due: then returns false and
     * leaves the expiry to the caller.
     */
    boolean touch(long now) {
        if (durationSeconds == 0) {
            return true;
        }
        long next = now + durationNanos();
        while (true) {
            long current = deadline;
            if (now - current >= 0) {
                return false;
            }
            if (next - current <= 0 || DEADLINE.compareAndSet(this, current, next)) {
                return true;
            }
        }
    }

    /**
     * If the session is due at {@code now}, removes its keys and restarts its clock, as one step
     * under the key space's write lock.
     *
     * @throws KeySpace.Closed when the session has ended
     */
    boolean clearIfDue(long now) {
        return write(map -> {
            long current = deadline;
            if (now - current >= 0 && DEADLINE.compareAndSet(this, current, now + durationNanos())) {
                map.clear();
                return true;
            }
            return false;
        });
    }

    private long durationNanos() {
        return durationSeconds * NANOS_PER_SECOND;
    }
}
