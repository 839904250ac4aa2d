package io.nemesisdb.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The client connections open on any transport, so that shutdown can close them all. Once
 * {@link #closeAll} has run, a connection that opens is closed at once with 1001.
 */
@ApplicationScoped
public class OpenConnections {

    /** WebSocket close code 1001: the server is going away. */
    public static final int GOING_AWAY = 1001;

    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile String closingReason;

    public void opened(Connection connection) {
        open.add(connection);
        String reason = closingReason;
        if (reason != null && open.remove(connection)) {
            connection.close(GOING_AWAY, reason);
        }
    }

    public void closed(Connection connection) {
        open.remove(connection);
    }

    /** The open connections, for tests that check which transport serves them. */
    java.util.List<Connection> list() {
        return java.util.List.copyOf(open);
    }

    public int count() {
        return open.size();
    }

    /** Closes every open connection with 1001, and from now on every new one. */
    public void closeAll(String reason) {
        closingReason = reason;
        for (Connection connection : open) {
            if (open.remove(connection)) {
                connection.close(GOING_AWAY, reason);
            }
        }
    }
}
