package io.nemesisdb.transport.jakarta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nemesisdb.ApplicationSingleton;
import io.nemesisdb.command.CommandDispatcher;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.json.Utf8;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.ReplySink;
import io.nemesisdb.security.Role;
import io.nemesisdb.transport.Connection;
import io.nemesisdb.transport.OpenConnections;
import io.nemesisdb.transport.TransportMeter;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The standards-based transport: a Jakarta WebSocket endpoint at {@code /} that hands every
 * message to the {@link CommandDispatcher}. A message over {@code nemesis.max-payload} closes the
 * connection with 1009 and runs nothing; the container enforces UTF-8 (1007) and answers pings
 * and close frames. Tyrus gets the instance itself, not a Weld client proxy, so each message costs one
 * reflective call (Tyrus's) instead of two.
 */
@ServerEndpoint("/")
@ApplicationSingleton
public class JakartaEndpoint {

    private static final Logger LOG = Logger.getLogger(JakartaEndpoint.class.getName());
    private static final String SINK = JakartaEndpoint.class.getName() + ".sink";

    @Inject
    CommandDispatcher dispatcher;

    @Inject
    ServerSettings settings;

    @Inject
    OpenConnections connections;

    @Inject
    TransportMeter meter;

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(settings.maxPayload());
        session.setMaxBinaryMessageBufferSize(settings.maxPayload());
        session.setMaxIdleTimeout(0);
        GuardedContext guarded = GuardedConnection.opening();
        SessionConnection connection = new SessionConnection(session, meter, guarded.writer(), guarded.role());
        session.getUserProperties().put(SINK, connection);
        connections.opened(connection);
    }

    @OnMessage
    public void text(Session session, String message) {
        SessionConnection connection = connection(session);
        long bytes = Utf8.length(message);
        if (bytes > settings.maxPayload()) {
            connection.close(CloseReason.CloseCodes.TOO_BIG.getCode(), "message larger than " + settings.maxPayload() + " bytes");
            return;
        }
        meter.received(bytes);
        connection.previous.join();
        try {
            connection.previous = dispatcher.onText(message, connection, connection.role);
        } catch (OutOfMemoryError e) {
            LOG.severe("out of memory while serving a connection; it was closed with 1011");
            connection.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "unexpected server error");
            return;
        }
        connection.awaitRoom();
    }

    @OnMessage
    public void binary(Session session, ByteBuffer message) {
        SessionConnection connection = connection(session);
        if (message.remaining() > settings.maxPayload()) {
            connection.close(CloseReason.CloseCodes.TOO_BIG.getCode(), "message larger than " + settings.maxPayload() + " bytes");
            return;
        }
        meter.received(message.remaining());
        connection.previous.join();
        dispatcher.onBinary(connection);
    }

    /** Counts the rejections here, where both the container's (1007, and 1009 past its buffer) and this class's are seen. */
    @OnClose
    public void close(Session session, CloseReason reason) {
        int code = reason.getCloseCode().getCode();
        if (code == CloseReason.CloseCodes.NOT_CONSISTENT.getCode()) {
            meter.rejected(TransportMeter.Rejection.INVALID_UTF8);
        } else if (code == CloseReason.CloseCodes.TOO_BIG.getCode()) {
            meter.rejected(TransportMeter.Rejection.OVERSIZE);
        }
        connections.closed(connection(session));
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.log(Level.FINE, "connection error", error);
    }

    private static SessionConnection connection(Session session) {
        return (SessionConnection) session.getUserProperties().get(SINK);
    }

    /**
     * Sends replies on one Jakarta session, one at a time, since a save's second reply and the
     * replies of expensive commands come from other threads.
     */
    private static final class SessionConnection implements ReplySink, Connection {
        private final Session session;
        private final TransportMeter meter;
        private final GuardedWriter writer;
        private final Role role;
        /**
         * The request handed to another thread, which must have replied before the next one runs;
         * volatile since the container does not promise to deliver every message on one thread.
         */
        private volatile CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

        SessionConnection(Session session, TransportMeter meter, GuardedWriter writer, Role role) {
            this.session = session;
            this.meter = meter;
            this.writer = writer;
            this.role = role;
        }

        /** Never waits for the socket: the {@link GuardedWriter} queues what Tyrus frames. */
        @Override
        public synchronized void send(Reply reply) {
            meter.sent(reply.length());
            try {
                session.getBasicRemote().sendText(reply.text());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "reply not delivered: connection closed", e);
            }
        }

        /** Waits while the client leaves too many replies unread, so that it cannot pile up more. */
        void awaitRoom() {
            try {
                writer.awaitRoom();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }

        @Override
        public void close(int code, String reason) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException e) {
                LOG.log(Level.FINE, "close failed", e);
            }
        }
    }
}
