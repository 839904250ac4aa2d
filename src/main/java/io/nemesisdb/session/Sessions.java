package io.nemesisdb.session;

/**
 * The lifecycle of sessions as the {@code SH_} commands use it: create, open by name, describe,
 * check, end, and count. {@link LocalSessions} keeps them in this process; a store whose sessions
 * live elsewhere (a data grid) implements each method as one operation there. None of them
 * touches a session's idle clock: only the {@code KV_} commands do, through their key space.
 */
public interface Sessions {

    /** What {@link #createShared} did: the new session's token, or {@code null} with why not. */
    record NewShared(Long token, boolean nameInUse) {
    }

    /** A session as {@code SH_INFO} reports it; {@code remainingSeconds} is 0 for one that never expires. */
    record Info(long token, boolean shared, int keyCount, Expiry expiry, long remainingSeconds) {
    }

    /** What {@link #totals()} counts. */
    record Totals(long sessions, long keys) {
    }

    /** Creates a session that is not shared, with a fresh random token, and returns the token. */
    long createPrivate(Expiry expiry);

    /**
     * Creates a shared session named {@code name} unless its token is held: then {@code nameInUse}
     * tells whether by a session that answers to the name, or by a session of another name.
     */
    NewShared createShared(String name, Expiry expiry);

    /** The token of the shared session that {@code name} reaches, or {@code null}. */
    Long findShared(String name);

    /** The session of {@code token}, or {@code null} when there is none. */
    Info info(long token);

    /** True when a session of {@code token} exists. */
    boolean exists(long token);

    /** Ends the session of {@code token}; false when there was none. */
    boolean end(long token);

    /** Ends every session that exists when it starts and returns how many it ended. */
    int endAll();

    /** The number of sessions and of keys in all of them. */
    Totals totals();
}
