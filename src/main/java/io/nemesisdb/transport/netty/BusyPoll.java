package io.nemesisdb.transport.netty;

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
 */
final class BusyPoll implements SelectStrategyFactory {

    private final long spinNanos;
    private final int maxSpinning;
    private final AtomicInteger spinning = new AtomicInteger();

    BusyPoll(long spinNanos, int loops) {
        this.spinNanos = spinNanos;
        this.maxSpinning = Math.max(1, loops / 2);
    }

    @Override
    public SelectStrategy newSelectStrategy() {
        return new LoopStrategy();
    }

    /** One loop's strategy, used only by that loop's thread. */
    private final class LoopStrategy implements SelectStrategy {
        private long lastEvent = System.nanoTime();
        private boolean holdsSpin;

        @Override
        public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
            int ready = selectNow.get();
            if (ready > 0 || hasTasks) {
                lastEvent = System.nanoTime();
                releaseSpin();
                return ready;
            }
            if (System.nanoTime() - lastEvent < spinNanos && (holdsSpin || acquireSpin())) {
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
