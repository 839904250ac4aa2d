package io.nemesisdb.transport.jakarta;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.nemesisdb.transport.CloseCodes;

/**
 * Everything the Jakarta transport sends on one connection goes through here: frames are queued
 * and written by a virtual thread of their own, so no caller ever waits for the socket, neither
 * Tyrus on the connection's own thread nor a save's second reply, another connection or a
 * shutdown. The connection's thread waits instead, between requests, while its client leaves
 * more than {@link #PAUSE_ABOVE} bytes unread ({@link #awaitRoom}); past {@code maxBacklog} the
 * queue is dropped and the socket closed. Once the guard has sent its own close frame, or the
 * socket failed, later frames are dropped.
 */
final class GuardedWriter implements DataWriter {

    private static final Logger LOG = Logger.getLogger(GuardedWriter.class.getName());

    /** Queued bytes above which the connection's own thread stops taking requests until they are written. */
    static final long PAUSE_ABOVE = 256 * 1024;
    /** How long a client closed for its backlog has to take the close frame before the socket closes. */
    private static final long CLOSE_GRACE_MILLIS = 5000;

    private final DataWriter socket;
    private final Runnable abort;
    private final long maxBacklog;
    private final Runnable overflowed;
    private final ArrayDeque<BufferData> queue = new ArrayDeque<>();
    /** Bytes queued or being written. */
    private long queued;
    /** Bytes of the batch being written. */
    private long inFlight;
    private boolean writing;
    private boolean closed;
    /** A header line Helidon's handshake response lacks, added to the first write, or null. */
    private String handshakeHeader;

    /**
     * @param abort closes the socket, which ends a write the client does not read
     * @param overflowed told when the backlog passed {@code maxBacklog}
     */
    GuardedWriter(DataWriter socket, Runnable abort, long maxBacklog, Runnable overflowed) {
        this.socket = socket;
        this.abort = abort;
        this.maxBacklog = maxBacklog;
        this.overflowed = overflowed;
    }

    @Override
    public void write(BufferData... buffers) {
        for (BufferData buffer : buffers) {
            enqueue(buffer);
        }
    }

    @Override
    public void write(BufferData buffer) {
        enqueue(buffer);
    }

    @Override
    public void writeNow(BufferData... buffers) {
        write(buffers);
    }

    @Override
    public void writeNow(BufferData buffer) {
        enqueue(buffer);
    }

    /**
     * Adds {@code name: value} to the handshake response, the first thing written: Helidon 4.2.6
     * writes a fixed response without {@code Sec-WebSocket-Protocol}, which a browser that offered
     * subprotocols requires.
     */
    synchronized void addToHandshake(String name, String value) {
        handshakeHeader = name + ": " + value + "\r\n";
    }

    /** Queues a close frame after what is pending; every frame after it is dropped. */
    synchronized void sendClose(int code, String reason) {
        if (closed) {
            return;
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int size = Math.min(text.length, 123);
        byte[] frame = new byte[4 + size];
        frame[0] = (byte) 0x88;
        frame[1] = (byte) (2 + size);
        frame[2] = (byte) (code >> 8);
        frame[3] = (byte) code;
        System.arraycopy(text, 0, frame, 4, size);
        closed = true;
        add(BufferData.create(frame));
    }

    /** Waits, on the connection's own thread, while the client leaves too much unread. */
    synchronized void awaitRoom() throws InterruptedException {
        while (queued > PAUSE_ABOVE && !closed) {
            wait();
        }
    }

    /** Waits up to {@code millis} for everything queued to be written: the last close frame before the socket closes. */
    synchronized void awaitDrained(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while ((writing || !queue.isEmpty()) && System.nanoTime() < deadline) {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void enqueue(BufferData buffer) {
        if (closed) {
            return;
        }
        if (handshakeHeader != null) {
            buffer = withHeader(buffer, handshakeHeader);
            handshakeHeader = null;
        }
        add(buffer);
    }

    /** The response in {@code buffer} with {@code line} before the blank line that ends its head. */
    private static BufferData withHeader(BufferData buffer, String line) {
        byte[] response = new byte[buffer.available()];
        buffer.read(response);
        String head = new String(response, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            return BufferData.create(response);
        }
        return BufferData.create((head.substring(0, end + 2) + line + head.substring(end + 2)).getBytes(StandardCharsets.ISO_8859_1));
    }

    private void add(BufferData buffer) {
        queue.add(buffer);
        queued += buffer.available();
        if (queued > maxBacklog) {
            overflow();
            return;
        }
        if (!writing) {
            writing = true;
            Thread.ofVirtual().name("nemesis-jakarta-writer").start(this::drain);
        }
    }

    private void drain() {
        while (true) {
            BufferData[] batch;
            long bytes = 0;
            synchronized (this) {
                if (queue.isEmpty()) {
                    writing = false;
                    notifyAll();
                    return;
                }
                batch = queue.toArray(BufferData[]::new);
                queue.clear();
                for (BufferData buffer : batch) {
                    bytes += buffer.available();
                }
                inFlight = bytes;
            }
            try {
                socket.writeNow(batch);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "write failed: connection closed", e);
                synchronized (this) {
                    closed = true;
                    queue.clear();
                    queued = 0;
                    inFlight = 0;
                    writing = false;
                    notifyAll();
                }
                return;
            }
            synchronized (this) {
                queued -= bytes;
                inFlight = 0;
                notifyAll();
            }
        }
    }

    /**
     * The client leaves too much unread: drops what is queued, sends 1008 after what is being
     * written, and closes the socket after a grace period, which also ends a write in progress.
     */
    private void overflow() {
        queue.clear();
        queued = inFlight;
        overflowed.run();
        sendClose(CloseCodes.POLICY_VIOLATION, "unread replies over " + maxBacklog + " bytes");
        notifyAll();
        Thread.ofVirtual().name("nemesis-backlog-close").start(() -> {
            awaitDrained(CLOSE_GRACE_MILLIS);
            abort.run();
        });
    }
}
