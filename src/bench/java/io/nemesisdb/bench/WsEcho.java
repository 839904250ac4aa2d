package io.nemesisdb.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.nemesisdb.transport.UpgradeCheck;

/**
 * The ceiling of window-1 traffic on this machine for the load generator's own pattern: a
 * WebSocket server with no logic, one platform thread per connection sleeping in {@code read}
 * between requests, answering every text message with its command's reply and status 1, such as
 * {@code {"KV_GET_RSP":{"st":1}}} (none to the quiet {@code KV_SETQ}, as the protocol says). Give
 * it to {@code side-by-side.sh} as one more server; it prints its URL and process id.
 *
 * <p>Usage: {@code java -cp target/test-classes:target/classes io.nemesisdb.bench.WsEcho [port]} (0: any free port)
 */
public final class WsEcho {

    private WsEcho() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        try (ServerSocket server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress())) {
            System.out.printf("ws://127.0.0.1:%d/ pid %d%n", server.getLocalPort(), ProcessHandle.current().pid());
            while (true) {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().start(() -> serve(socket));
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            out.write(handshake(in));
            byte[] payload = new byte[4096];
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7F;
                length = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
                int mask = in.readInt();
                if (length > payload.length) {
                    payload = new byte[(int) length];
                }
                in.readFully(payload, 0, (int) length);
                int opcode = b0 & 0x0F;
                if (opcode == 8) {
                    out.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8});
                    return;
                }
                if (opcode == 1 && (b0 & 0x80) != 0) {
                    byte[] reply = replyTo(payload, (int) length, mask);
                    if (reply != null) {
                        out.write(reply);
                    }
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Reads the opening handshake's request and returns the 101 that accepts it. */
    private static byte[] handshake(DataInputStream in) throws IOException {
        String key = null;
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.readUnsignedByte();
            if (c != '\n') {
                line.append((char) c);
                continue;
            }
            String header = line.toString().strip();
            line.setLength(0);
            if (header.isEmpty()) {
                break;
            }
            if (header.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
                key = header.substring(18).strip();
            }
        }
        if (key == null) {
            throw new IOException("not a WebSocket handshake");
        }
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + UpgradeCheck.accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** {"NAME_RSP":{"st":1}} for a request {"NAME":...}, or null for a quiet command (its name ends in Q). */
    private static byte[] replyTo(byte[] payload, int length, int mask) {
        StringBuilder name = new StringBuilder();
        for (int i = 2; i < length; i++) {
            char c = (char) (payload[i] ^ (byte) (mask >>> (24 - 8 * (i & 3))));
            if (c == '"') {
                break;
            }
            name.append(c);
        }
        if (name.isEmpty() || name.charAt(name.length() - 1) == 'Q') {
            return null;
        }
        return frame(("{\"" + name + "_RSP\":{\"st\":1}}").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(byte[] text) {
        byte[] frame = new byte[2 + text.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) text.length;
        System.arraycopy(text, 0, frame, 2, text.length);
        return frame;
    }
}
