package io.nemesisdb.transport.netty;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;

/**
 * How the event loops wait for their sockets: for {@code spinNanos} after its last event a loop
 * polls without sleeping, so that a client awaiting each reply finds it awake (no wake-up of a
 * sleeping thread on the request path); after that it sleeps in {@code epoll_wait}, so an idle
 * server costs no processor. At most half the loops (at least one) poll at once, like Go's
 * scheduler limits its spinning threads, so that idle loops never take every core from the busy
 * ones, the expensive commands and the clients on the same machine.
 * <p>
 * Polling pays only while a core is free for it. A polling loop counts the machine's runnable
 * threads every millisecond ({@link RunnableThreads}); when more than the processors in six of
 * eight counts, no loop polls for a pause (10 ms, doubling to 1 s while it keeps happening): a
 * loop that sleeps is woken ahead of the threads that keep the cores busy, where one that polls
 * waits for their time slices and takes time from the clients on the same machine.
 */
final class BusyPoll implements SelectStrategyFactory {

    private static final long SAMPLE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int SAMPLES = 8;
    /** Counts of the {@link #SAMPLES} that must find every core taken: the count includes short-lived kernel threads. */
    private static final int CROWDED_SAMPLES = 6;
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long spinNanos;
    private final int maxSpinning;
    private final IntSupplier runnableThreads;
    private final int processors;
    private final long sampleEveryNanos;
    private final long firstPauseNanos;
    private final AtomicInteger spinning = new AtomicInteger();
    private volatile long pausedUntil = System.nanoTime() - LONGEST_PAUSE_NANOS;
    private long pauseNanos;

    BusyPoll(long spinNanos, int loops) {
        this(spinNanos, loops, RunnableThreads.ofThisMachine(), Runtime.getRuntime().availableProcessors(),
                SAMPLE_EVERY_NANOS, FIRST_PAUSE_NANOS);
    }

    /**
     * @param runnableThreads the threads running or waiting for a core on the machine, or -1 when unknown
     *                        (then polling never pauses)
     */
    BusyPoll(long spinNanos, int loops, IntSupplier runnableThreads, int processors, long sampleEveryNanos, long firstPauseNanos) {
        this.spinNanos = spinNanos;
        this.maxSpinning = Math.max(1, loops / 2);
        this.runnableThreads = runnableThreads;
        this.processors = processors;
        this.sampleEveryNanos = sampleEveryNanos;
        this.firstPauseNanos = firstPauseNanos;
    }

    @Override
    public SelectStrategy newSelectStrategy() {
        return new LoopStrategy();
    }

    /** Stops all polling for a pause: doubled when the last pause ended less than the longest ago. */
    private synchronized void pause(long now) {
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
        private long lastSample = lastEvent;
        private int samples;
        private int crowdedSamples;

        @Override
        public int calculateStrategy(io.netty.util.IntSupplier selectNow, boolean hasTasks) throws Exception {
            int ready = selectNow.get();
            long now = System.nanoTime();
            if (ready > 0 || hasTasks) {
                lastEvent = now;
                releaseSpin();
                return ready;
            }
            if (now - lastEvent < spinNanos && now - pausedUntil >= 0 && (holdsSpin || acquireSpin())) {
                if (now - lastSample >= sampleEveryNanos && sample(now)) {
                    releaseSpin();
                    return SELECT;
                }
                Thread.onSpinWait();
                return CONTINUE;
            }
            releaseSpin();
            return SELECT;
        }

        /** Counts the runnable threads; true when most of the last {@link #SAMPLES} found no core free, which starts a pause. */
        private boolean sample(long now) {
            lastSample = now;
            int runnable = runnableThreads.getAsInt();
            if (runnable > processors) {
                crowdedSamples++;
            }
            if (++samples < SAMPLES) {
                return false;
            }
            boolean crowded = crowdedSamples >= CROWDED_SAMPLES;
            samples = 0;
            crowdedSamples = 0;
            if (crowded) {
                pause(now);
            }
            return crowded;
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
