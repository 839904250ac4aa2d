package io.nemesisdb.transport.jakarta;

import java.util.Optional;
import java.util.concurrent.ExecutorService;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.nemesisdb.security.Role;
import io.nemesisdb.transport.CloseCodes;
import io.nemesisdb.transport.TransportMeter;

/**
 * The connection as Tyrus sees it: Helidon's, except that what the client sends passes a
 * {@link FrameInspector} first and what the server sends goes through a {@link GuardedWriter}.
 * At the first frame the server must not accept, the guard sends the close frame itself and
 * ends the stream Tyrus reads.
 */
final class GuardedContext implements ConnectionContext {

    private final ConnectionContext delegate;
    private final GuardedWriter writer;
    private final DataReader reader;
    private final FrameInspector inspector;
    private final TransportMeter meter;
    private final Role role;
    private boolean stopped;

    /**
     * @param role what the client's access key allows
     * @param subprotocol the subprotocol to echo in the handshake response (a browser's key), or null
     */
    GuardedContext(ConnectionContext delegate, int maxPayload, long maxBacklog, TransportMeter meter, Role role,
                   String subprotocol) {
        this.delegate = delegate;
        this.role = role;
        this.meter = meter;
        this.inspector = new FrameInspector(maxPayload);
        this.writer = new GuardedWriter(delegate.dataWriter(), this::abort, maxBacklog,
                () -> meter.rejected(TransportMeter.Rejection.REPLY_BACKLOG));
        if (subprotocol != null) {
            writer.addToHandshake("Sec-WebSocket-Protocol", subprotocol);
        }
        DataReader source = delegate.dataReader();
        this.reader = new DataReader(() -> next(source));
    }

    GuardedWriter writer() {
        return writer;
    }

    /** What the client's access key allows. */
    Role role() {
        return role;
    }

    /** Closes the socket: a blocked read or write ends at once. */
    void abort() {
        try {
            delegate.serverSocket().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }

    /** The next chunk of input for Tyrus, up to the first frame that must not be accepted; null ends the stream. */
    private byte[] next(DataReader source) {
        if (stopped) {
            return null;
        }
        BufferData buffer = source.readBuffer();
        byte[] bytes = new byte[buffer.available()];
        buffer.read(bytes);
        FrameInspector.Verdict verdict = inspector.inspect(bytes, bytes.length);
        if (!verdict.isFailure()) {
            return bytes;
        }
        stopped = true;
        if (verdict.closeCode() == CloseCodes.TOO_BIG) {
            meter.rejected(TransportMeter.Rejection.OVERSIZE);
        }
        writer.sendClose(verdict.closeCode(), verdict.reason());
        return verdict.acceptedLength() == 0 ? null : java.util.Arrays.copyOf(bytes, verdict.acceptedLength());
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public DataWriter dataWriter() {
        return writer;
    }

    @Override
    public ListenerContext listenerContext() {
        return delegate.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return delegate.executor();
    }

    @Override
    public Router router() {
        return delegate.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return delegate.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return delegate.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return delegate.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return delegate.localPeer();
    }

    @Override
    public boolean isSecure() {
        return delegate.isSecure();
    }

    @Override
    public String socketId() {
        return delegate.socketId();
    }

    @Override
    public String childSocketId() {
        return delegate.childSocketId();
    }
}
