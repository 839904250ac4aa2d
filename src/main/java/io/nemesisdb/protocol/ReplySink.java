package io.nemesisdb.protocol;

/**
 * Where the replies of one connection go. Implemented by each transport.
 *
 * <p>Replies to a request are sent on the thread that handles it, in request order. The second
 * reply of a save is sent later from another thread, so implementations must accept concurrent
 * calls.
 */
public interface ReplySink {

    /** Sends one {@linkplain Reply#finish() finished} reply. */
    void send(Reply reply);

    /**
     * False once the connection has ended or is closing, so that no reply will be delivered:
     * long work for it can stop. Called often by such work, so it must be cheap.
     */
    default boolean isOpen() {
        return true;
    }
}
