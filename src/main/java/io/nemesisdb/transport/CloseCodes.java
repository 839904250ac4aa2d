package io.nemesisdb.transport;

/**
 * The WebSocket close codes the server sends (RFC 6455 section 7.4), and which codes a peer may
 * put in a close frame. The operations guide lists when each is sent.
 */
public final class CloseCodes {

    /** The purpose of the connection is fulfilled (also: idle past {@code nemesis.idle-timeout}). */
    public static final int NORMAL = 1000;
    /** The server is shutting down. */
    public static final int GOING_AWAY = 1001;
    /** A frame broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** A text message or close reason that is not UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** The client broke a limit other than the message size (its unread replies passed {@code nemesis.max-reply-backlog}). */
    public static final int POLICY_VIOLATION = 1008;
    /** A message larger than {@code nemesis.max-payload}. */
    public static final int TOO_BIG = 1009;
    /** The server failed unexpectedly while serving the connection. */
    public static final int INTERNAL_ERROR = 1011;
    /** The server is over a limit that is not the client's fault; try again later. */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }

    /**
     * True when a peer may send {@code code} in a close frame: the codes RFC 6455 defines for use
     * on the wire (1005, 1006 and 1015 are only reported locally, never sent), those IANA
     * registered since (1012-1014), and the ranges for libraries and applications (3000-4999).
     */
    public static boolean isValidOnWire(int code) {
        return code >= 1000 && code <= 1003
                || code >= 1007 && code <= 1014
                || code >= 3000 && code <= 4999;
    }
}
