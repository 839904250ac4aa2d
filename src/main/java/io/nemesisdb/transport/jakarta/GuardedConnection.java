package io.nemesisdb.transport.jakarta;

import java.time.Duration;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.spi.ServerConnection;
import io.nemesisdb.transport.CloseCodes;
import io.nemesisdb.transport.TransportMeter;

/**
 * Tyrus's connection, run with its {@link GuardedContext}: makes the context known to the
 * {@link JakartaEndpoint} (it opens on this thread), lets the last frames out before Helidon
 * closes the socket, and applies {@code nemesis.idle-timeout}: Helidon's idle check sees this
 * connection idle only once it has received nothing for that long, and then closes it with 1000.
 */
final class GuardedConnection implements ServerConnection {

    private static final ThreadLocal<GuardedContext> OPENING = new ThreadLocal<>();
    private static final long LAST_FRAMES_MILLIS = 1000;

    private final ServerConnection tyrus;
    private final GuardedContext context;
    private final Duration idleTimeout;
    private final TransportMeter meter;

    /** @param idleTimeout how long the client may send nothing before it is closed (zero: forever) */
    GuardedConnection(ServerConnection tyrus, GuardedContext context, Duration idleTimeout, TransportMeter meter) {
        this.tyrus = tyrus;
        this.context = context;
        this.idleTimeout = idleTimeout;
        this.meter = meter;
    }

    /** The context of the connection being opened on the calling thread, for the endpoint's {@code @OnOpen}. */
    static GuardedContext opening() {
        return OPENING.get();
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        OPENING.set(context);
        try {
            tyrus.handle(limit);
        } finally {
            OPENING.remove();
            context.writer().awaitDrained(LAST_FRAMES_MILLIS);
        }
    }

    @Override
    public Duration idleTime() {
        if (idleTimeout.isZero()) {
            return Duration.ZERO;
        }
        Duration idle = tyrus.idleTime();
        return idle.compareTo(idleTimeout) >= 0 ? idle : Duration.ZERO;
    }

    /** {@code interrupt} false: Helidon's idle check; true: Helidon stopping. */
    @Override
    public void close(boolean interrupt) {
        if (interrupt) {
            tyrus.close(true);
            return;
        }
        meter.rejected(TransportMeter.Rejection.IDLE_TIMEOUT);
        context.writer().sendClose(CloseCodes.NORMAL, "idle for more than " + idleTimeout.toSeconds() + " s");
        Thread.ofVirtual().name("nemesis-idle-close").start(() -> {
            context.writer().awaitDrained(LAST_FRAMES_MILLIS);
            tyrus.close(true);
        });
    }
}
