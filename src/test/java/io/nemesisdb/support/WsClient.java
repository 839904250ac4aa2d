package io.nemesisdb.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A minimal RFC 6455 client over a plain socket, for tests: it can send what a well-behaved
 * client library refuses to (invalid UTF-8, binary frames, messages of an exact byte size) and
 * reports close codes. Not thread-safe.
 */
public final class WsClient implements AutoCloseable {

    /** A received frame: a text message, a close with its code, or nothing within the time. */
    public record Frame(int opcode, String text, int closeCode) {
        public boolean isText() {
            return opcode == 1;
        }

        public boolean isClose() {
            return opcode == 8;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final java.util.Map<String, String> responseHeaders = new java.util.HashMap<>();

    private WsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65536));
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code ws://127.0.0.1:port/} and completes the opening handshake. */
    public static WsClient connect(int port) throws IOException {
        return connect(port, 0);
    }

    /**
     * As {@link #connect(int)}, with this end's socket send and receive buffers fixed at
     * {@code bufferSize} bytes (0: the system's, which grow with the traffic).
     */
    public static WsClient connect(int port, int bufferSize) throws IOException {
        return connect(port, bufferSize, java.util.Map.of());
    }

    /** As {@link #connect(int)}, sending these extra handshake headers (an access key, an Origin, subprotocols). */
    public static WsClient connect(int port, java.util.Map<String, String> headers) throws IOException {
        return connect(port, 0, headers);
    }

    /** Connects to {@code wss://127.0.0.1:port/}, with TLS as {@code tls} sets it up (trust, client certificate). */
    public static WsClient connectTls(int port, javax.net.ssl.SSLContext tls, java.util.Map<String, String> headers) throws IOException {
        return connect(tls.getSocketFactory().createSocket(), port, 0, headers);
    }

    private static WsClient connect(int port, int bufferSize, java.util.Map<String, String> headers) throws IOException {
        return connect(new Socket(), port, bufferSize, headers);
    }

    private static WsClient connect(Socket socket, int port, int bufferSize, java.util.Map<String, String> headers) throws IOException {
        socket.setTcpNoDelay(true);
        if (bufferSize > 0) {
            socket.setSendBufferSize(bufferSize);
            socket.setReceiveBufferSize(bufferSize);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        WsClient client = new WsClient(socket);
        try {
            client.handshake(port, headers);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return client;
    }

    private void handshake(int port, java.util.Map<String, String> headers) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readLine();
        if (!status.contains(" 101")) {
            throw new IOException("handshake refused: " + status);
        }
        String line;
        while (!(line = readLine()).isEmpty()) {
            int colon = line.indexOf(':');
            responseHeaders.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    /** A header of the server's handshake response, by its lower-case name, or null. */
    public String responseHeader(String name) {
        return responseHeaders.get(name);
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("connection closed during handshake");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    public void sendText(String text) throws IOException {
        sendFrame(1, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Sends {@code payload} as the content of a text frame, whether or not it is valid UTF-8. */
    public void sendTextBytes(byte[] payload) throws IOException {
        sendFrame(1, payload, true);
    }

    public void sendBinary(byte[] payload) throws IOException {
        sendFrame(2, payload, true);
    }

    /** Sends one text message split into frames of the given parts. */
    public void sendFragmented(String... parts) throws IOException {
        for (int i = 0; i < parts.length; i++) {
            sendFrame(i == 0 ? 1 : 0, parts[i].getBytes(StandardCharsets.UTF_8), i == parts.length - 1);
        }
    }

    /** Sends one text message split into frames of the given byte parts, whether or not they are valid UTF-8. */
    public void sendFragmentedBytes(byte[]... parts) throws IOException {
        for (int i = 0; i < parts.length; i++) {
            sendFrame(i == 0 ? 1 : 0, parts[i], i == parts.length - 1);
        }
    }

    /** Sends the first frame of a fragmented text message. */
    public void sendFragmentStart(String part) throws IOException {
        sendFrame(1, part.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Sends the last frame of a fragmented message. */
    public void sendFragmentEnd(String part) throws IOException {
        sendFrame(0, part.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Sends the texts as messages written to the socket at once, as a pipelining client does. */
    public void sendPipelined(String... texts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String text : texts) {
            all.write(frame(1, text.getBytes(StandardCharsets.UTF_8), true));
        }
        out.write(all.toByteArray());
        out.flush();
    }

    /** Sends a close frame with {@code code} and no reason. */
    public void sendClose(int code) throws IOException {
        sendFrame(8, new byte[] {(byte) (code >> 8), (byte) code}, true);
    }

    /** Sends a close frame with this exact payload (code and reason bytes), valid or not. */
    public void sendClosePayload(byte[] payload) throws IOException {
        sendFrame(8, payload, true);
    }

    /** Sends these bytes as they are: a frame the client library would never make. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A whole text frame without a mask, which clients must never send. */
    public static byte[] unmaskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 4);
        frame.write(0x81);
        frame.write(payload.length);
        frame.write(payload, 0, payload.length);
        return frame.toByteArray();
    }

    public void sendPing(byte[] payload) throws IOException {
        sendFrame(9, payload, true);
    }

    /** Sends a text message and returns the reply. */
    public String request(String text) throws IOException {
        sendText(text);
        return receiveText();
    }

    /** The next text message; fails on a close or when none comes within 10 s. */
    public String receiveText() throws IOException {
        Frame frame = receive(10_000);
        if (frame == null || !frame.isText()) {
            throw new IOException("expected a text message, got " + frame);
        }
        return frame.text();
    }

    /** The next text message or close within {@code timeoutMillis}, or {@code null}. Answers pings. */
    public Frame receive(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int messageOpcode = -1;
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                if (opcode == 9) {
                    sendFrame(10, payload, true);
                    continue;
                }
                if (opcode == 10) {
                    return new Frame(10, new String(payload, StandardCharsets.UTF_8), 0);
                }
                if (opcode == 8) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    return new Frame(8, null, code);
                }
                if (opcode != 0) {
                    messageOpcode = opcode;
                }
                message.write(payload);
                if (fin) {
                    return new Frame(messageOpcode, message.toString(StandardCharsets.UTF_8), 0);
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (EOFException e) {
            return new Frame(8, null, 1006);
        }
    }

    /** Reads and skips messages until the server's close frame; its code (1006 when the socket ends without one), or -1 after {@code timeoutMillis}. */
    public int awaitClose(int timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            int left = (int) (deadline - System.currentTimeMillis());
            if (left <= 0) {
                return -1;
            }
            Frame frame;
            try {
                frame = receive(left);
            } catch (java.net.SocketException e) {
                return 1006;
            }
            if (frame == null) {
                return -1;
            }
            if (frame.isClose()) {
                return frame.closeCode();
            }
        }
    }

    private void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
        out.write(frame(opcode, payload, fin));
        out.flush();
    }

    private static byte[] frame(int opcode, byte[] payload, boolean fin) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            long len = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (len >> shift));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask, 0, 4);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        frame.write(masked, 0, masked.length);
        return frame.toByteArray();
    }

    /** Drops the connection with a TCP reset, as a crashed or killed client does. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
