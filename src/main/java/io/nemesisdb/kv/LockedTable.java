package io.nemesisdb.kv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.StampedLock;

/**
 * A {@link DenseKeyTable} with its lock, whose stamps work as {@link StampedLock}'s: an exclusive
 * lock, a shared one, and optimistic reads validated afterwards.
 *
 * <p>A key space shared by many clients (KV mode's) uses a {@link StampedLock}, whose waiters
 * queue. A private key space (a session's) keeps its lock in one field of this object instead:
 * a million sessions each hold one, and a {@code StampedLock} took 48 bytes more per session, a
 * sixth of a session's memory. Its waiters spin, then yield, then sleep for growing times up to
 * a millisecond; a writer that has waited that long holds new readers back, so readers do not
 * starve it. A session is rarely used by more than one client at once, and its commands are
 * short.
 */
abstract class LockedTable extends DenseKeyTable {

    private static final VarHandle STATE;
    /** The low bits count the holders of the shared lock. */
    private static final long READERS = (1L << 16) - 1;
    private static final long WRITER = 1L << 16;
    /** Set by a writer that has waited past its spins: new readers wait too. */
    private static final long WRITER_WAITING = 1L << 17;
    /** The high bits count the exclusive locks released, which ends optimistic reads. */
    private static final long VERSION_UNIT = 1L << 18;
    private static final long VERSION = -VERSION_UNIT;
    private static final int SPINS = 64;
    private static final int YIELDS = 64;
    private static final long LONGEST_SLEEP_NANOS = 1_000_000;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(LockedTable.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Null in a private key space, which uses {@link #state}. */
    private final StampedLock shared;
    /** A private table's lock: read directly, changed through {@link #STATE}. */
    private volatile long state;

    /** A table shared by many clients: its lock is a {@link StampedLock}. */
    LockedTable() {
        shared = new StampedLock();
    }

    /** A private table with room for {@code capacity} keys: its lock is one field. */
    LockedTable(int capacity) {
        super(capacity);
        shared = null;
    }

    /** The exclusive lock; its stamp goes to {@link #unlockWrite}. */
    final long writeLock() {
        if (shared != null) {
            return shared.writeLock();
        }
        for (int attempt = 0; ; attempt++) {
            long state = this.state;
            if ((state & (WRITER | READERS)) == 0
                    && STATE.compareAndSet(this, state, (state | WRITER) & ~WRITER_WAITING)) {
                return WRITER;
            }
            if (attempt >= SPINS && (state & WRITER_WAITING) == 0) {
                STATE.compareAndSet(this, state, state | WRITER_WAITING);
            }
            backOff(attempt);
        }
    }

    final void unlockWrite(long stamp) {
        if (shared != null) {
            shared.unlockWrite(stamp);
        } else {
            STATE.getAndAdd(this, VERSION_UNIT - WRITER);
        }
    }

    /** The shared lock; its stamp goes to {@link #unlockRead}. */
    final long readLock() {
        if (shared != null) {
            return shared.readLock();
        }
        for (int attempt = 0; ; attempt++) {
            long state = this.state;
            if ((state & (WRITER | WRITER_WAITING)) == 0 && (state & READERS) < READERS
                    && STATE.compareAndSet(this, state, state + 1)) {
                return 1;
            }
            backOff(attempt);
        }
    }

    final void unlockRead(long stamp) {
        if (shared != null) {
            shared.unlockRead(stamp);
        } else {
            STATE.getAndAdd(this, -1L);
        }
    }

    /** A stamp for an optimistic read, 0 while the exclusive lock is held. */
    final long tryOptimisticRead() {
        if (shared != null) {
            return shared.tryOptimisticRead();
        }
        long state = this.state;
        return (state & WRITER) != 0 ? 0 : (state & VERSION) | 1;
    }

    /** True when no exclusive lock was taken since {@code stamp} was issued (and it was not 0). */
    final boolean validate(long stamp) {
        if (shared != null) {
            return shared.validate(stamp);
        }
        VarHandle.acquireFence();
        return stamp != 0 && (state & (VERSION | WRITER)) == (stamp & VERSION);
    }

    /** True while anyone holds the lock, shared or exclusive. */
    final boolean isLocked() {
        return shared != null ? shared.isWriteLocked() || shared.isReadLocked() : (state & (WRITER | READERS)) != 0;
    }

    private static void backOff(int attempt) {
        if (attempt < SPINS) {
            Thread.onSpinWait();
        } else if (attempt < SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(LONGEST_SLEEP_NANOS, 1_000L << Math.min(attempt - SPINS - YIELDS, 10)));
        }
    }
}
