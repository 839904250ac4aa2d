package io.nemesisdb.transport;

/** An open client connection, as much of it as shutdown needs. */
public interface Connection {

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);
}
