package io.nemesisdb.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One client WebSocket connection over an NIO channel (with TLS for wss://): the opening handshake, masked text
 * frames written into an output buffer, and reply frames parsed from an input buffer. Used
 * blocking for set-up and non-blocking by the generator's event loop; not thread-safe.
 */
final class WsPipe {

    /** What {@link #nextReply()} found. */
    static final int NONE = -1;
    static final int ERROR = 0;
    static final int OK = 1;

    private static final byte[] STATUS = "\"st\":".getBytes(StandardCharsets.US_ASCII);

    final SocketChannel channel;
    /** TLS for wss://, or null. */
    private TlsWire tls;
    private final ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
    private ByteBuffer in = ByteBuffer.allocate(1 << 20);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] mask = new byte[4];
    /** The mask repeated over eight bytes, for masking a long at a time. */
    private final long mask8;
    private byte[] masked = new byte[256];
    private int frameStart;

    private WsPipe(SocketChannel channel) {
        this.channel = channel;
        new SecureRandom().nextBytes(mask);
        long m = ByteBuffer.wrap(mask).getInt() & 0xFFFFFFFFL;
        this.mask8 = m << 32 | m;
        in.flip();
    }

    /**
     * Connects to {@code url} and completes the handshake, presenting {@code accessKey} (none when
     * null); wss:// URLs use TLS. The channel is left blocking.
     */
    static WsPipe connect(URI url, String accessKey) throws IOException {
        boolean secure = "wss".equals(url.getScheme());
        int port = url.getPort() >= 0 ? url.getPort() : secure ? 443 : 80;
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(url.getHost(), port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        WsPipe pipe = new WsPipe(channel);
        if (secure) {
            pipe.tls = TlsWire.handshake(channel, url.getHost(), port);
        }
        pipe.handshake(url, port, accessKey);
        return pipe;
    }

    private void handshake(URI url, int port, String accessKey) throws IOException {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n"
                + (accessKey == null ? "" : "Authorization: Bearer " + accessKey + "\r\n") + "\r\n";
        ByteBuffer bytes = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        if (tls != null) {
            tls.write(bytes);
        } else {
            channel.write(bytes);
        }
        StringBuilder response = new StringBuilder();
        while (response.indexOf("\r\n\r\n") < 0) {
            fill();
            while (in.hasRemaining() && response.indexOf("\r\n\r\n") < 0) {
                response.append((char) in.get());
            }
        }
        if (!response.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + response.toString().lines().findFirst().orElse(""));
        }
        frameStart = in.position();
    }

    /** Appends one masked text frame holding {@code payload[0, length)}. */
    void sendText(byte[] payload, int length) {
        if (out.remaining() < length + 14) {
            throw new IllegalStateException("output buffer full");
        }
        out.put((byte) 0x81);
        if (length < 126) {
            out.put((byte) (0x80 | length));
        } else if (length < 65536) {
            out.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127)).putLong(length);
        }
        out.put(mask);
        if (masked.length < length) {
            masked = new byte[Math.max(length, masked.length * 2)];
        }
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            LONG.set(masked, i, (long) LONG.get(payload, i) ^ mask8);
        }
        for (; i < length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.put(masked, 0, length);
    }

    /** Room for at least {@code bytes} more output. */
    boolean hasRoom(int bytes) {
        return out.remaining() >= bytes + 14;
    }

    /** Writes what the channel takes; true when nothing is left pending. */
    boolean flush() throws IOException {
        out.flip();
        try {
            if (tls != null) {
                return tls.write(out);
            }
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    return false;
                }
            }
            return true;
        } finally {
            out.compact();
        }
    }

    /** Reads what the channel has; false at the end of the stream. */
    boolean fill() throws IOException {
        in.position(frameStart);
        in.compact();
        if (!in.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
            in.flip();
            bigger.put(in);
            in = bigger;
        }
        int read = tls != null ? tls.read(in) : channel.read(in);
        in.flip();
        frameStart = 0;
        return read >= 0;
    }

    /** The next complete reply: {@link #OK} when its status is 1, {@link #ERROR} otherwise, or {@link #NONE}. */
    int nextReply() throws IOException {
        int at = frameStart;
        int limit = in.limit();
        if (limit - at < 2) {
            return NONE;
        }
        int b0 = in.get(at) & 0xFF;
        int length = in.get(at + 1) & 0x7F;
        int header = 2;
        if (length == 126) {
            if (limit - at < 4) {
                return NONE;
            }
            length = in.getShort(at + 2) & 0xFFFF;
            header = 4;
        } else if (length == 127) {
            if (limit - at < 10) {
                return NONE;
            }
            length = (int) in.getLong(at + 2);
            header = 10;
        }
        if (limit - at < header + length) {
            return NONE;
        }
        int payload = at + header;
        frameStart = payload + length;
        int opcode = b0 & 0x0F;
        if (opcode == 8) {
            int code = length >= 2 ? in.getShort(payload) & 0xFFFF : 1005;
            throw new IOException("server closed the connection with " + code);
        }
        if (opcode != 1) {
            return nextReply();
        }
        return statusIsOk(payload, payload + length) ? OK : ERROR;
    }

    /** Blocking: the next text reply as a string. */
    String awaitText() throws IOException {
        while (true) {
            int at = frameStart;
            if (nextReply() != NONE) {
                int b1 = in.get(at + 1) & 0x7F;
                int header = b1 == 126 ? 4 : b1 == 127 ? 10 : 2;
                byte[] text = new byte[frameStart - at - header];
                in.get(at + header, text);
                return new String(text, StandardCharsets.UTF_8);
            }
            if (!fill()) {
                throw new IOException("server closed the connection");
            }
        }
    }

    /** Blocking: writes everything pending. */
    void flushFully() throws IOException {
        while (!flush()) {
            Thread.onSpinWait();
        }
    }

    private boolean statusIsOk(int from, int to) {
        int end = to - STATUS.length - 2;
        for (int i = from; i <= end; i++) {
            if (matchesStatus(i)) {
                byte digit = in.get(i + 5);
                byte after = in.get(i + 6);
                return digit == '1' && (after == ',' || after == '}');
            }
        }
        return false;
    }

    private boolean matchesStatus(int at) {
        for (int k = 0; k < STATUS.length; k++) {
            if (in.get(at + k) != STATUS[k]) {
                return false;
            }
        }
        return true;
    }
}
