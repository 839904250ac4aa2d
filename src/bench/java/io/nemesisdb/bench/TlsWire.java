package io.nemesisdb.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS over a socket channel with the JDK's SSLEngine, for wss:// URLs: a blocking handshake,
 * then reads and writes that work on a blocking or non-blocking channel. The benchmark trusts any
 * certificate (it measures a test server's cost, not its identity).
 */
final class TlsWire {

    private final SocketChannel channel;
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer netOut;

    private TlsWire(SocketChannel channel, SSLEngine engine) {
        this.channel = channel;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocateDirect(packet * 4);
        netOut = ByteBuffer.allocateDirect(packet * 4);
    }

    /** Completes the TLS handshake on {@code channel}, which must be blocking. */
    static TlsWire handshake(SocketChannel channel, String host, int port) throws IOException {
        SSLEngine engine;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            engine = context.createSSLEngine(host, port);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        engine.setUseClientMode(true);
        TlsWire wire = new TlsWire(channel, engine);
        engine.beginHandshake();
        ByteBuffer none = ByteBuffer.allocate(0);
        ByteBuffer scratch = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> {
                    wire.wrap(none);
                    wire.drain();
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    wire.netIn.flip();
                    SSLEngineResult result = engine.unwrap(wire.netIn, scratch);
                    wire.netIn.compact();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && channel.read(wire.netIn) < 0) {
                        throw new IOException("the server closed the connection during the TLS handshake");
                    }
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                default -> {
                    return wire;
                }
            }
        }
    }

    /** Decrypts into {@code dst} what has arrived; -1 at the end of the stream. */
    int read(ByteBuffer dst) throws IOException {
        int produced = 0;
        while (true) {
            netIn.flip();
            SSLEngineResult result = engine.unwrap(netIn, dst);
            netIn.compact();
            produced += result.bytesProduced();
            runTasks(result);
            switch (result.getStatus()) {
                case BUFFER_OVERFLOW -> {
                    return produced;
                }
                case CLOSED -> {
                    return produced > 0 ? produced : -1;
                }
                case BUFFER_UNDERFLOW -> {
                    if (produced > 0) {
                        return produced; // never wait (on a blocking channel) once there is something to give
                    }
                    int read = channel.read(netIn);
                    if (read <= 0) {
                        return read;
                    }
                }
                default -> {
                    // records that produce nothing (a session ticket) are consumed; go on to the next one
                }
            }
        }
    }

    /** Encrypts all of {@code src} and writes what the channel takes; true when nothing is left pending. */
    boolean write(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            wrap(src);
        }
        return drain();
    }

    private void wrap(ByteBuffer src) throws SSLException {
        while (true) {
            SSLEngineResult result = engine.wrap(src, netOut);
            runTasks(result);
            if (result.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                return;
            }
            ByteBuffer bigger = ByteBuffer.allocateDirect(netOut.capacity() * 2);
            netOut.flip();
            bigger.put(netOut);
            netOut = bigger;
        }
    }

    private boolean drain() throws IOException {
        netOut.flip();
        try {
            while (netOut.hasRemaining()) {
                if (channel.write(netOut) == 0) {
                    return false;
                }
            }
            return true;
        } finally {
            netOut.compact();
        }
    }

    private void runTasks(SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
