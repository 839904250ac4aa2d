package io.nemesisdb.kv;

import java.util.concurrent.atomic.AtomicLongArray;


/**
 * The writes of one key each that a {@link KeySpace} runs without its lock, counted so that the
 * lock's holders can wait them out and optimistic readers of several keys can tell whether one
 * overlapped their read. Each write counts its begin and its end in a cell picked by its thread,
 * so writers on different cores rarely touch the same cache line, unlike a lock's single word.
 *
 * <p>The protocol: a writer {@linkplain #begin() begins}, then checks the key space's lock and
 * backs off ({@linkplain #end(int) ends} at once and takes the lock) if anyone holds it. A lock
 * holder takes the lock, then {@linkplain #awaitIdle() waits} until every begun write has ended.
 * Each side writes its own word before reading the other's, so at least one of them sees the
 * other: a lock holder never runs beside a lock-free write.
 */
final class LockFreeWrites {

    private static final int CELLS = StripedCounter.STRIPES;
    /** Longs from one cell to the next: two cache lines, so that prefetching a line does not share it either. */
    private static final int STRIDE = 16;
    private static final int SPINS_BEFORE_YIELD = 64;

    /** Where in a cell the writes begun and the writes ended are counted. */
    private static final int BEGUN = 0;
    private static final int ENDED = 1;

    /** Per cell {@code i}: writes begun at {@code i * STRIDE + BEGUN}, writes ended at {@code i * STRIDE + ENDED}. */
    private final AtomicLongArray counts = new AtomicLongArray(CELLS * STRIDE);

    /** Counts a write as begun; returns the cell to pass to {@link #end(int)}. */
    int begin() {
        int cell = StripedCounter.stripe() * STRIDE;
        counts.getAndIncrement(cell + BEGUN);
        return cell;
    }

    void end(int cell) {
        counts.getAndIncrement(cell + ENDED);
    }

    /**
     * Taken before an optimistic read: a stamp for {@link #validate(long)}, or -1 when a write is
     * in progress. Begins are summed before ends: a write that begins and ends between the two
     * sums goes unseen here, but then the begins summed again in {@code validate} have changed.
     */
    long stamp() {
        long begun = sum(BEGUN);
        return sum(ENDED) == begun ? begun : -1;
    }

    /** After an optimistic read: true when no write was in progress at {@code stamp} or has begun since. */
    boolean validate(long stamp) {
        return stamp >= 0 && sum(BEGUN) == stamp;
    }

    /** The sum over all cells of the count at {@code offset}: {@link #BEGUN} or {@link #ENDED}. */
    private long sum(int offset) {
        long sum = 0;
        for (int i = offset; i < CELLS * STRIDE; i += STRIDE) {
            sum += counts.get(i);
        }
        return sum;
    }

    /** Waits until every begun write has ended; called with the key space's lock held, so no new one proceeds. */
    void awaitIdle() {
        for (int i = 0; i < CELLS * STRIDE; i += STRIDE) {
            int spins = 0;
            while (counts.get(i + ENDED) != counts.get(i + BEGUN)) {
                if (++spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }
}
