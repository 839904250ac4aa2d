package io.nemesisdb.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The client connections open on any transport, so that shutdown can close them all. */
@ApplicationScoped
public class OpenConnections {

    /** WebSocket close code 1001: the server is going away. */
    public static final int GOING_AWAY = 1001;

    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    public void opened(Connection connection) {
        open.add(connection);
    }

    public void closed(Connection connection) {
        open.remove(connection);
    }

    public int count() {
        return open.size();
    }

    /** Closes every open connection with 1001. */
    public void closeAll(String reason) {
        for (Connection connection : open) {
            connection.close(GOING_AWAY, reason);
        }
        open.clear();
    }
}
