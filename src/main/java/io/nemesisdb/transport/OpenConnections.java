package io.nemesisdb.transport;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import io.nemesisdb.config.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The client connections open on any transport: admits them up to {@code nemesis.max-connections}
 * and lets shutdown close them all. A transport {@linkplain #reserve() reserves} a place during
 * the opening handshake (refusing the upgrade with 503 when there is none), then reports the
 * connection {@linkplain #opened opened} and {@linkplain #closed closed}. Once {@link #closeAll}
 * has run, a connection that opens is closed at once with 1001.
 */
@ApplicationScoped
public class OpenConnections {

    private static final Logger LOG = Logger.getLogger(OpenConnections.class.getName());

    /** WebSocket close code 1001: the server is going away. */
    public static final int GOING_AWAY = CloseCodes.GOING_AWAY;

    @Inject
    ServerSettings settings;

    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger places = new AtomicInteger();
    private int max;
    private volatile String closingReason;

    @PostConstruct
    void init() {
        max = settings.maxConnections();
        long fitting = FileDescriptors.forConnections(HelidonListener.TCP_MARGIN);
        if (fitting < max) {
            max = (int) Math.max(1, fitting);
            LOG.warning("nemesis.max-connections is " + settings.maxConnections() + ", but the process may open only "
                    + FileDescriptors.limit() + " files (ulimit -n) and has " + FileDescriptors.open()
                    + " open: at most " + max + " connections are admitted");
        }
    }

    /** Takes a place for a connection being opened; false when {@code nemesis.max-connections} are open. */
    public boolean reserve() {
        while (true) {
            int taken = places.get();
            if (taken >= max) {
                return false;
            }
            if (places.compareAndSet(taken, taken + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place reserved for a connection that did not open. */
    public void release() {
        places.decrementAndGet();
    }

    /** A connection whose place was reserved is open. */
    public void opened(Connection connection) {
        open.add(connection);
        String reason = closingReason;
        if (reason != null && open.remove(connection)) {
            connection.close(GOING_AWAY, reason);
        }
    }

    /** The connection ended; its place is free again. Called once per opened connection. */
    public void closed(Connection connection) {
        open.remove(connection);
        places.decrementAndGet();
    }

    /** The open connections, for tests that check which transport serves them. */
    List<Connection> list() {
        return List.copyOf(open);
    }

    public int count() {
        return open.size();
    }

    /** The most connections admitted at once. */
    public int max() {
        return max;
    }

    /** Closes every open connection with 1001, and from now on every new one; never waits for a client. */
    public void closeAll(String reason) {
        closingReason = reason;
        for (Connection connection : open) {
            if (open.remove(connection)) {
                connection.close(GOING_AWAY, reason);
            }
        }
    }
}
