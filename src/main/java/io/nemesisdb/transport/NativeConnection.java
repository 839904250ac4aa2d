package io.nemesisdb.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsCloseCodes;
import io.nemesisdb.protocol.Utf8;

/**
 * One client on the native transport: reads RFC 6455 frames straight from Helidon's connection,
 * reassembles messages, enforces {@code maxPayload} at the frame header (1009, before the payload
 * is read) and UTF-8 (1007), answers pings and echoes the client's close, and hands each message
 * to the {@link NativeEndpoint}'s dispatcher. Replies go through a {@link FrameWriter}, which is
 * flushed whenever this thread would block waiting for input.
 */
final class NativeConnection implements ServerConnection, Connection {

    private static final Logger LOG = Logger.getLogger(NativeConnection.class.getName());

    /** The most a connection reads and discards after closing for an oversized frame. */
    private static final long MAX_DRAIN = 64L * 1024 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private static final int CONTINUATION = 0;
    private static final int TEXT = 1;
    private static final int BINARY = 2;
    private static final int CLOSE = 8;
    private static final int PING = 9;
    private static final int PONG = 10;

    private final ConnectionContext context;
    private final DataReader in;
    private final NativeEndpoint endpoint;
    private final int maxPayload;
    private final TransportMeter meter;
    private final byte[] mask = new byte[4];
    private final byte[] control = new byte[125];

    private FrameWriter out;
    /** The request handed to another thread, which must have replied before the next one runs. */
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
    private volatile Thread thread;
    private volatile boolean running = true;
    /** When this connection last waited for input: its idle time counts from there. */
    private volatile long lastActivity = System.nanoTime();
    private int buffered;
    /** Message bytes received since the meter was last told: it is told once per burst, not per message. */
    private long unreportedBytes;

    /** The opcode of the message being reassembled from fragments, or 0 between messages. */
    private int messageOpcode;
    private byte[] fragments = new byte[0];
    private int fragmentsLength;

    NativeConnection(ConnectionContext context, NativeEndpoint endpoint) {
        this.context = context;
        this.in = context.dataReader();
        this.endpoint = endpoint;
        this.maxPayload = endpoint.maxPayload();
        this.meter = endpoint.meter();
    }

    @Override
    public void handle(Limit limit) {
        thread = Thread.currentThread();
        out = new FrameWriter(context.dataWriter(), thread, meter);
        endpoint.connections().opened(this);
        try {
            while (running && readFrame()) {
                // next frame
            }
            reportReceived();
            out.flush();
        } catch (DataReader.InsufficientDataAvailableException e) {
            // the client closed the socket
        } catch (RuntimeException e) {
            if (running) {
                LOG.log(Level.FINE, "connection failed", e);
            }
        } finally {
            out.ended();
            endpoint.connections().closed(this);
        }
    }

    @Override
    public Duration idleTime() {
        return Duration.ofNanos(System.nanoTime() - lastActivity);
    }

    @Override
    public void close(boolean interrupt) {
        running = false;
        Thread reading = thread;
        if (reading != null) {
            reading.interrupt();
        }
    }

    /** Closes with {@code code}; the connection ends when the client answers with its close. */
    @Override
    public void close(int code, String reason) {
        FrameWriter writer = out;
        if (writer != null) {
            writer.close(code, reason);
        }
    }

    /** Reads and handles one frame; false when the connection is over. */
    private boolean readFrame() {
        need(2);
        int b0 = in.read() & 0xFF;
        int b1 = in.read() & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        long length = b1 & 0x7F;
        if (length == 126) {
            need(2);
            length = ((in.read() & 0xFF) << 8) | (in.read() & 0xFF);
        } else if (length == 127) {
            need(8);
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (in.read() & 0xFF);
            }
        }
        if ((b0 & 0x70) != 0 || (b1 & 0x80) == 0 || length < 0) {
            return protocolError("reserved bits set, unmasked frame or bad length");
        }
        need(4);
        for (int i = 0; i < 4; i++) {
            mask[i] = in.read();
        }
        if (opcode >= CLOSE) {
            return controlFrame(opcode, fin, length);
        }
        if (opcode == CONTINUATION ? messageOpcode == 0 : opcode > BINARY || messageOpcode != 0) {
            return protocolError("unexpected data frame");
        }
        if (fragmentsLength + length > maxPayload) {
            meter.rejected(TransportMeter.Rejection.OVERSIZE);
            out.close(WsCloseCodes.TOO_BIG, "message larger than " + maxPayload + " bytes");
            return drain(length);
        }
        if (out.closeSent()) {
            skip(length);
            return true;
        }
        int size = (int) length;
        if (fin && opcode != CONTINUATION) {
            return message(opcode, payload(size), size);
        }
        if (opcode != CONTINUATION) {
            messageOpcode = opcode;
        }
        appendFragment(size);
        if (!fin) {
            return true;
        }
        int whole = messageOpcode;
        messageOpcode = 0;
        int wholeLength = fragmentsLength;
        fragmentsLength = 0;
        byte[] wholeBytes = fragments;
        if (fragments.length > 65536) {
            fragments = new byte[0];
        }
        return message(whole, wholeBytes, wholeLength);
    }

    private boolean message(int opcode, byte[] payload, int size) {
        unreportedBytes += size;
        previous.join();
        if (opcode == BINARY) {
            endpoint.dispatcher().onBinary(out);
            return true;
        }
        if (!Utf8.isValid(payload, 0, size)) {
            meter.rejected(TransportMeter.Rejection.INVALID_UTF8);
            return failed(WsCloseCodes.NOT_CONSISTENT, "text message is not valid UTF-8");
        }
        String text = new String(payload, 0, size, StandardCharsets.UTF_8);
        try {
            previous = endpoint.dispatcher().onText(text, out);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "request failed unexpectedly", e);
            return failed(WsCloseCodes.UNEXPECTED_CONDITION, "unexpected server error");
        }
        return true;
    }

    private boolean controlFrame(int opcode, boolean fin, long length) {
        if (!fin || length > 125) {
            return protocolError("control frames must be whole and at most 125 bytes");
        }
        int size = (int) length;
        need(size);
        for (int i = 0; i < size; i++) {
            control[i] = (byte) (in.read() ^ mask[i & 3]);
        }
        switch (opcode) {
            case PING -> out.pong(control, size);
            case PONG -> {
                // unsolicited pongs need no answer
            }
            case CLOSE -> {
                if (size == 1) {
                    return protocolError("close payload of one byte");
                }
                int code = size >= 2 ? ((control[0] & 0xFF) << 8) | (control[1] & 0xFF) : WsCloseCodes.NORMAL_CLOSE;
                out.close(code, "");
                return false;
            }
            default -> {
                return protocolError("unknown opcode " + opcode);
            }
        }
        return true;
    }

    /** Fails the connection (1002): after a broken frame the rest of the stream cannot be trusted. */
    private boolean protocolError(String reason) {
        out.close(WsCloseCodes.PROTOCOL_ERROR, reason);
        return false;
    }

    /** Sends close {@code code}; the connection lives on until the client's close or end of stream. */
    private boolean failed(int code, String reason) {
        out.close(code, reason);
        messageOpcode = 0;
        fragmentsLength = 0;
        return true;
    }

    /** After closing for an oversized frame: skips its payload (up to a bound) and waits for the client's close. */
    private boolean drain(long length) {
        messageOpcode = 0;
        fragmentsLength = 0;
        if (length > MAX_DRAIN) {
            return false;
        }
        skip(length);
        return true;
    }

    private void skip(long length) {
        long left = length;
        while (left > 0) {
            int chunk = (int) Math.min(left, 65536);
            need(chunk);
            in.skip(chunk);
            left -= chunk;
        }
    }

    private byte[] payload(int size) {
        if (size == 0) {
            return EMPTY; // DataReader.readBytes(0) would wait for input
        }
        need(size);
        byte[] payload = in.readBytes(size);
        unmask(payload, 0, size);
        return payload;
    }

    private void appendFragment(int size) {
        int end = fragmentsLength + size;
        if (end > fragments.length) {
            fragments = Arrays.copyOf(fragments, Math.max(end, fragments.length * 2));
        }
        if (size == 0) {
            return;
        }
        need(size);
        byte[] part = in.readBytes(size);
        System.arraycopy(part, 0, fragments, fragmentsLength, size);
        unmask(fragments, fragmentsLength, end);
        fragmentsLength = end;
    }

    /** XORs the mask over {@code bytes[from, to)}, eight bytes at a time. */
    private void unmask(byte[] bytes, int from, int to) {
        byte[] m = mask;
        long mask8 = (long) (int) INT.get(m, 0) & 0xFFFFFFFFL;
        mask8 |= mask8 << 32;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            LONG.set(bytes, i, (long) LONG.get(bytes, i) ^ mask8);
        }
        for (int k = i - from; i < to; i++, k++) {
            bytes[i] ^= m[k & 3];
        }
    }

    private void reportReceived() {
        if (unreportedBytes > 0) {
            meter.received(unreportedBytes);
            unreportedBytes = 0;
        }
    }

    /**
     * Called before reading {@code bytes}: writes pending replies first when the read would wait
     * for the client. {@code buffered} is a lower bound of the input already buffered, so the
     * reader's buffers are counted about once per burst, not before every read.
     */
    private void need(int bytes) {
        if (buffered < bytes) {
            buffered = in.available();
            if (buffered < bytes) {
                reportReceived();
                out.flush();
                lastActivity = System.nanoTime();
                buffered = bytes;
            }
        }
        buffered -= bytes;
    }
}
