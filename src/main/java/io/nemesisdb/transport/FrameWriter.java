package io.nemesisdb.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.ReplySink;

/**
 * The sending half of a native connection: encodes reply, pong and close frames into one buffer
 * and writes them to the socket together. Replies made on the connection's reading thread wait
 * until that thread is about to block for more input (or the buffer passes {@link #FLUSH_AT}), so
 * the replies to a pipelined burst leave in one write and a lone request's reply leaves at once.
 * Replies from any other thread (a save's second reply, an expensive command's reply) are written
 * at once. A lock keeps frames whole and in the order they were made; nothing is sent after a
 * close frame.
 */
final class FrameWriter implements ReplySink {

    private static final Logger LOG = Logger.getLogger(FrameWriter.class.getName());

    /** Pending bytes beyond which a burst is written without waiting for its end. */
    static final int FLUSH_AT = 32 * 1024;

    private static final int TEXT = 0x81;
    private static final int CLOSE = 0x88;
    private static final int PONG = 0x8A;

    private final ReentrantLock lock = new ReentrantLock();
    private final DataWriter out;
    private final Thread reader;
    private final TransportMeter meter;
    private byte[] buffer = new byte[4096];
    private int length;
    /** Reply bytes appended since the meter was last told: it is told once per write, not per reply. */
    private long unreportedBytes;
    private boolean closeSent;
    private boolean broken;
    /** False once a close frame was sent, a write failed or the connection ended: read without the lock. */
    private volatile boolean open = true;

    /** @param reader the thread that reads this connection's requests and runs them */
    FrameWriter(DataWriter out, Thread reader) {
        this(out, reader, TransportMeter.NONE);
    }

    /** @param meter told the payload size of every reply */
    FrameWriter(DataWriter out, Thread reader, TransportMeter meter) {
        this.out = out;
        this.reader = reader;
        this.meter = meter;
    }

    @Override
    public void send(Reply reply) {
        lock.lock();
        try {
            if (closeSent) {
                return;
            }
            appendText(reply.utf8(), reply.length());
            if (length >= FLUSH_AT || Thread.currentThread() != reader) {
                flushLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues a pong echoing {@code payload[0, size)}. */
    void pong(byte[] payload, int size) {
        lock.lock();
        try {
            if (!closeSent) {
                header(PONG, size);
                System.arraycopy(payload, 0, buffer, length, size);
                length += size;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes everything pending followed by a close frame; later frames are dropped.
     *
     * @return false when a close frame had already been sent
     */
    boolean close(int code, String reason) {
        lock.lock();
        try {
            if (closeSent) {
                return false;
            }
            closeSent = true;
            open = false;
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            int size = Math.min(text.length, 123);
            header(CLOSE, 2 + size);
            buffer[length++] = (byte) (code >> 8);
            buffer[length++] = (byte) code;
            System.arraycopy(text, 0, buffer, length, size);
            length += size;
            flushLocked();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** The connection is over: replies made from now on go nowhere. */
    void ended() {
        open = false;
    }

    /** Writes the pending frames, if any. */
    void flush() {
        lock.lock();
        try {
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    /** True once a close frame was sent: the connection is closing. */
    boolean closeSent() {
        lock.lock();
        try {
            return closeSent;
        } finally {
            lock.unlock();
        }
    }

    private void flushLocked() {
        if (length == 0) {
            return;
        }
        if (unreportedBytes > 0) {
            meter.sent(unreportedBytes);
            unreportedBytes = 0;
        }
        if (!broken) {
            try {
                out.writeNow(BufferData.create(buffer, 0, length));
            } catch (RuntimeException e) {
                // the peer is gone; the reading side sees the end of the stream and ends the connection
                broken = true;
                open = false;
                LOG.log(Level.FINE, "write failed: connection closed", e);
            }
        }
        length = 0;
        if (buffer.length > 4 * FLUSH_AT) {
            buffer = new byte[4096];
        }
    }

    /** Appends a reply's UTF-8 text as one text frame. */
    private void appendText(byte[] utf8, int size) {
        header(TEXT, size);
        System.arraycopy(utf8, 0, buffer, length, size);
        length += size;
        unreportedBytes += size;
    }

    /** Appends a frame header and makes room for {@code size} payload bytes after it. */
    private void header(int first, int size) {
        int needed = length + 10 + size;
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
        byte[] b = buffer;
        b[length++] = (byte) first;
        if (size < 126) {
            b[length++] = (byte) size;
        } else if (size < 65536) {
            b[length++] = 126;
            b[length++] = (byte) (size >> 8);
            b[length++] = (byte) size;
        } else {
            b[length++] = 127;
            for (int shift = 56; shift >= 0; shift -= 8) {
                b[length++] = (byte) ((long) size >> shift);
            }
        }
    }
}
