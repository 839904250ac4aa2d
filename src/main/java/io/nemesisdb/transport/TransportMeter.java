package io.nemesisdb.transport;

/**
 * What a transport reports to metrics: traffic and the messages it turned away before they
 * reached the protocol core. Implemented outside the transports; called on the request path.
 */
public interface TransportMeter {

    /** Why a transport turned a message, a connection or a handshake away. */
    enum Rejection {
        /** Larger than {@code nemesis.max-payload}: closed with 1009. */
        OVERSIZE,
        /** Text that is not UTF-8: closed with 1007. */
        INVALID_UTF8,
        /** More unread replies than {@code nemesis.max-reply-backlog}: closed. */
        REPLY_BACKLOG,
        /** Nothing received for {@code nemesis.idle-timeout}: closed with 1000. */
        IDLE_TIMEOUT,
        /** A handshake while {@code nemesis.max-connections} were open: refused with 503. */
        MAX_CONNECTIONS,
        /** A handshake that is not a valid WebSocket upgrade, or did not finish in time: refused with 4xx or dropped. */
        BAD_HANDSHAKE,
        /** A handshake without a valid access key, or from an address that sent too many wrong ones: 401 or 429. */
        UNAUTHORIZED,
        /** A browser handshake from an origin not in {@code nemesis.allowed-origins}: 403. */
        FORBIDDEN_ORIGIN
    }

    /** {@code bytes} of message payload were received. */
    void received(long bytes);

    /** {@code bytes} of message payload were sent. */
    void sent(long bytes);

    void rejected(Rejection reason);

    /** Records nothing: when metrics are disabled, and for transports under test. */
    TransportMeter NONE = new TransportMeter() {
        @Override
        public void received(long bytes) {
        }

        @Override
        public void sent(long bytes) {
        }

        @Override
        public void rejected(Rejection reason) {
        }
    };
}
