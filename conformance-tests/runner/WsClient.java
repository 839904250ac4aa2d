import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A minimal RFC 6455 client over a plain socket; a reader thread queues what the server sends. */
final class WsClient implements AutoCloseable {
    /** Something received: a text or binary message, a close frame, a pong, or the end of the stream. */
    record Event(String kind, String text, byte[] bytes, int closeCode) {
        String describe() {
            return switch (kind) {
                case "text" -> "reply " + text;
                case "binary" -> "binary message of " + bytes.length + " bytes";
                case "close" -> "close frame " + (closeCode < 0 ? "without code" : "with code " + closeCode);
                case "pong" -> "pong";
                default -> "connection " + text;
            };
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closing;

    /** The server answered the opening handshake with an HTTP status other than 101. */
    static final class HandshakeRefused extends IOException {
        private static final long serialVersionUID = 1L;

        final int status;

        HandshakeRefused(int status, String line) {
            super("handshake refused: " + line);
            this.status = status;
        }
    }

    /**
     * @param headers extra handshake headers (an access key, an Origin)
     * @param tls for wss:// URLs, the TLS to connect with; null for ws://
     * @param verifyHost whether the server's certificate must name the URL's host
     */
    WsClient(URI url, int timeoutMs, Map<String, String> headers, SSLContext tls, boolean verifyHost) throws IOException {
        int port = url.getPort() >= 0 ? url.getPort() : tls != null ? 443 : 80;
        socket = tls == null ? new Socket() : tls.getSocketFactory().createSocket();
        if (socket instanceof SSLSocket secure && verifyHost) {
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
        }
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(url.getHost(), port), timeoutMs);
        socket.setSoTimeout(timeoutMs);
        out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        try {
            handshake(url, port, in, headers);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        socket.setSoTimeout(0);
        Thread reader = new Thread(() -> readLoop(in), "ws-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void handshake(URI url, int port, InputStream in, Map<String, String> headers) throws IOException {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n";
        for (Map.Entry<String, String> header : headers.entrySet()) {
            request += header.getKey() + ": " + header.getValue() + "\r\n";
        }
        request += "\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during handshake");
            }
            head.write(b);
        }
        String response = head.toString(StandardCharsets.ISO_8859_1);
        if (!response.startsWith("HTTP/1.1 101")) {
            String line = response.lines().findFirst().orElse("");
            String[] parts = line.split(" ");
            throw new HandshakeRefused(parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1, line);
        }
        String expected;
        try {
            expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        if (!response.toLowerCase(Locale.ROOT).contains("sec-websocket-accept: " + expected.toLowerCase(Locale.ROOT))) {
            throw new IOException("handshake: wrong or missing Sec-WebSocket-Accept");
        }
    }

    private void readLoop(InputStream in) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int messageOpcode = -1;
        try {
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    events.add(new Event("eof", "closed by the server (TCP)", null, -1));
                    return;
                }
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = (readByte(in) << 8) | readByte(in);
                } else if (len == 127) {
                    len = 0;
                    for (int k = 0; k < 8; k++) {
                        len = (len << 8) | readByte(in);
                    }
                }
                if ((b1 & 0x80) != 0 || len > Integer.MAX_VALUE - 8) {
                    throw new IOException("server sent a masked or huge frame");
                }
                byte[] payload = in.readNBytes((int) len);
                if (payload.length != len) {
                    throw new EOFException("truncated frame");
                }
                switch (opcode) {
                    case 0x9 -> send(0xA, payload, true);
                    case 0xA -> events.add(new Event("pong", new String(payload, StandardCharsets.UTF_8), payload, -1));
                    case 0x8 -> {
                        int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
                        events.add(new Event("close", null, payload, code));
                        if (!closing) {
                            closing = true;
                            send(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0], true);
                        }
                        return;
                    }
                    case 0x0, 0x1, 0x2 -> {
                        if (opcode != 0) {
                            messageOpcode = opcode;
                            message.reset();
                        }
                        message.write(payload);
                        if (fin) {
                            events.add(messageEvent(messageOpcode, message.toByteArray()));
                            message.reset();
                        }
                    }
                    default -> throw new IOException("unknown opcode " + opcode);
                }
            }
        } catch (IOException e) {
            events.add(new Event("eof", closing ? "closed" : "error: " + e.getMessage(), null, -1));
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("truncated frame header");
        }
        return b;
    }

    private static Event messageEvent(int opcode, byte[] bytes) {
        if (opcode == 0x2) {
            return new Event("binary", null, bytes, -1);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new Event("text", text, bytes, -1);
        } catch (CharacterCodingException e) {
            return new Event("eof", "error: server sent a text message that is not UTF-8", bytes, -1);
        }
    }

    /** Sends one frame, masked as RFC 6455 requires of clients. */
    synchronized void send(int opcode, byte[] payload, boolean fin) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int k = 7; k >= 0; k--) {
                frame.write((int) (((long) payload.length >>> (8 * k)) & 0xFF));
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        frame.write(mask);
        for (int k = 0; k < payload.length; k++) {
            frame.write(payload[k] ^ mask[k & 3]);
        }
        frame.writeTo(out);
        out.flush();
    }

    /** Writes these bytes to the socket as they are: no frame, no mask. */
    synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a message split into the given number of frames (1 = unfragmented). */
    void sendMessage(int opcode, byte[] payload, int fragments) throws IOException {
        int size = Math.max(1, (payload.length + fragments - 1) / Math.max(1, fragments));
        int offset = 0;
        int op = opcode;
        do {
            int end = Math.min(payload.length, offset + size);
            send(op, Arrays.copyOfRange(payload, offset, end), end == payload.length);
            op = 0;
            offset = end;
        } while (offset < payload.length);
    }

    Event next(long deadlineNanos) throws InterruptedException {
        return events.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        try {
            if (!closing) {
                closing = true;
                send(0x8, new byte[] {0x03, (byte) 0xE8}, true);
            }
        } catch (IOException ignored) {
            // the connection is being discarded anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
