package io.nemesisdb.transport.netty;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;

/**
 * How the event loops wait for their sockets: for {@code spinNanos} after its last event a loop
 * polls without sleeping, so that a client awaiting each reply finds it awake (no wake-up of a
 * sleeping thread on the request path); after that it sleeps in {@code epoll_wait}, so an idle
 * server costs no processor. At most half the loops (at least one) poll at once, like Go's
 * scheduler limits its spinning threads, so that idle loops never take every core from the busy
 * ones, the expensive commands and the clients on the same machine.
 * <p>
 * Polling pays only while the poller has its core to itself. A loop that finds a long gap between
 * two of its polls was descheduled: another thread wanted the core. Then no loop polls for a pause
 * (10 ms, doubling to 1 s while it keeps happening), since a loop that sleeps is woken ahead of
 * the threads that keep the cores busy, where one that polls waits for their time slices.
 */
final class BusyPoll implements SelectStrategyFactory {

    /** Longer than any poll (an {@code epoll_wait} that returns at once takes about a microsecond). */
    private static final long DESCHEDULED_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long spinNanos;
    private final int maxSpinning;
    private final long descheduledNanos;
    private final long firstPauseNanos;
    private final AtomicInteger spinning = new AtomicInteger();
    private volatile long pausedUntil = System.nanoTime() - LONGEST_PAUSE_NANOS;
    private long pauseNanos;

    BusyPoll(long spinNanos, int loops) {
        this(spinNanos, loops, DESCHEDULED_NANOS, FIRST_PAUSE_NANOS);
    }

    BusyPoll(long spinNanos, int loops, long descheduledNanos, long firstPauseNanos) {
        this.spinNanos = spinNanos;
        this.maxSpinning = Math.max(1, loops / 2);
        this.descheduledNanos = descheduledNanos;
        this.firstPauseNanos = firstPauseNanos;
    }

    @Override
    public SelectStrategy newSelectStrategy() {
        return new LoopStrategy();
    }

    /** Stops all polling for a pause: doubled when the last pause ended less than the longest ago. */
    private synchronized void descheduled(long now) {
        boolean again = now - pausedUntil < LONGEST_PAUSE_NANOS;
        pauseNanos = again ? Math.min(2 * pauseNanos, LONGEST_PAUSE_NANOS) : firstPauseNanos;
        pausedUntil = now + pauseNanos;
    }

    /** The last pause, zero before the first. */
    synchronized long pauseNanos() {
        return pauseNanos;
    }

    /** One loop's strategy, used only by that loop's thread. */
    private final class LoopStrategy implements SelectStrategy {
        private long lastEvent = System.nanoTime();
        private boolean holdsSpin;
        private long lastPoll;

        @Override
        public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
            int ready = selectNow.get();
            long now = System.nanoTime();
            if (ready > 0 || hasTasks) {
                lastEvent = now;
                releaseSpin();
                return ready;
            }
            if (holdsSpin && now - lastPoll > descheduledNanos) {
                descheduled(now);
                releaseSpin();
                return SELECT;
            }
            if (now - lastEvent < spinNanos && now - pausedUntil >= 0 && (holdsSpin || acquireSpin())) {
                lastPoll = now;
                Thread.onSpinWait();
                return CONTINUE;
            }
            releaseSpin();
            return SELECT;
        }

        private boolean acquireSpin() {
            for (int now = spinning.get(); now < maxSpinning; now = spinning.get()) {
                if (spinning.compareAndSet(now, now + 1)) {
                    holdsSpin = true;
                    return true;
                }
            }
            return false;
        }

        private void releaseSpin() {
            if (holdsSpin) {
                holdsSpin = false;
                spinning.decrementAndGet();
            }
        }
    }
}
