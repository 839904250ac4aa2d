package io.nemesisdb.transport.netty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.ReplySink;
import io.nemesisdb.transport.CloseCodes;
import io.nemesisdb.transport.Connection;
import io.nemesisdb.transport.TransportMeter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;

/**
 * The sending half of one connection on the event-loop transport. Frames are encoded into one
 * buffer per read burst and written when the burst ends ({@link #flush}), so the replies to
 * pipelined requests leave in one write. Replies made on another thread (a save's second reply,
 * a shutdown's close) are handed to the connection's event loop and never wait for the socket.
 * Replies the client does not read are held here once the socket's buffers are full; past
 * {@code maxBacklog} bytes the connection is closed with 1008. All state is confined to the
 * event loop.
 */
final class NettyConnection implements ReplySink, Connection {

    /** Pending bytes beyond which a burst is handed to the socket without waiting for its end. */
    static final int FLUSH_AT = 32 * 1024;
    /** How long a closing connection waits for the client's close frame before it drops the socket. */
    private static final long CLOSE_GRACE_SECONDS = 5;

    private static final int TEXT = 0x81;
    private static final int CLOSE = 0x88;
    private static final int PONG = 0x8A;

    private final ChannelHandlerContext ctx;
    private final EventLoop loop;
    private final TransportMeter meter;
    private final long maxBacklog;
    /** Frames being gathered for the next write. */
    private ByteBuf out;
    /** Whole chunks of frames waiting for the socket to accept more. */
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private long heldBytes;
    private long unreportedBytes;
    private boolean closeSent;
    private boolean closeWhenDrained;
    /** False once a close frame was sent or the channel is gone; read by other threads. */
    private volatile boolean open = true;

    NettyConnection(ChannelHandlerContext ctx, TransportMeter meter, long maxBacklog) {
        this.ctx = ctx;
        this.loop = ctx.channel().eventLoop();
        this.meter = meter;
        this.maxBacklog = maxBacklog;
    }

    @Override
    public void send(Reply reply) {
        if (loop.inEventLoop()) {
            appendText(reply.utf8(), reply.length());
        } else {
            loop.execute(() -> {
                appendText(reply.utf8(), reply.length());
                flush();
            });
        }
    }

    @Override
    public void close(int code, String reason) {
        if (loop.inEventLoop()) {
            closeWith(code, reason);
        } else {
            loop.execute(() -> closeWith(code, reason));
        }
    }

    /** False once the connection is closing or closed: an expensive command for it can stop. Any thread. */
    @Override
    public boolean isOpen() {
        return open;
    }

    boolean closeSent() {
        return closeSent;
    }

    /** True while the socket holds back replies: the reading side stops taking requests. */
    boolean isBackedUp() {
        return !held.isEmpty() || !ctx.channel().isWritable();
    }

    void pong(byte[] payload) {
        if (closeSent) {
            return;
        }
        ByteBuf buf = buffer(payload.length);
        header(buf, PONG, payload.length);
        buf.writeBytes(payload);
        afterAppend();
    }

    /** Closes the socket once everything pending, the close frame last, is written. */
    void closeSocketWhenSent() {
        flush();
        if (held.isEmpty()) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            closeWhenDrained = true;
        }
    }

    /** Sends a close frame after everything pending; later frames are dropped; the socket closes when the client answers or after a grace period. */
    void closeWith(int code, String reason) {
        if (closeSent || !ctx.channel().isActive()) {
            return;
        }
        closeSent = true;
        open = false;
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int size = Math.min(text.length, 123);
        ByteBuf buf = buffer(2 + size);
        header(buf, CLOSE, 2 + size);
        buf.writeShort(code);
        buf.writeBytes(text, 0, size);
        flush();
        loop.schedule(() -> ctx.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /** Writes the frames gathered so far to the socket (those it can take now; the rest are held). */
    void flush() {
        if (out != null && out.isReadable()) {
            ByteBuf chunk = out;
            out = null;
            hand(chunk);
        }
        if (unreportedBytes > 0) {
            meter.sent(unreportedBytes);
            unreportedBytes = 0;
        }
        ctx.flush();
    }

    /** The socket can take more: passes it held chunks until it cannot. */
    void writable() {
        while (!held.isEmpty() && ctx.channel().isWritable()) {
            ByteBuf chunk = held.poll();
            heldBytes -= chunk.readableBytes();
            ctx.write(chunk, ctx.voidPromise());
        }
        if (closeWhenDrained && held.isEmpty()) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.flush();
        }
    }

    /** Drops the socket at once, without a close frame. */
    void abort() {
        closeSent = true;
        open = false;
        ctx.close();
    }

    /** The channel is gone: frees what is held. */
    void released() {
        open = false;
        if (out != null) {
            out.release();
            out = null;
        }
        for (ByteBuf chunk : held) {
            chunk.release();
        }
        held.clear();
        heldBytes = 0;
    }

    private void appendText(byte[] utf8, int size) {
        if (closeSent || !open) {
            return;
        }
        ByteBuf buf = buffer(size);
        header(buf, TEXT, size);
        buf.writeBytes(utf8, 0, size);
        unreportedBytes += size;
        afterAppend();
    }

    private void afterAppend() {
        if (out.readableBytes() >= FLUSH_AT) {
            ByteBuf chunk = out;
            out = null;
            hand(chunk);
        }
    }

    /**
     * Passes a chunk to the socket, or holds it while the socket is full; closes the connection
     * when the replies not yet written pass {@code maxBacklog}.
     */
    private void hand(ByteBuf chunk) {
        if (held.isEmpty() && ctx.channel().isWritable()) {
            ctx.write(chunk, ctx.voidPromise());
        } else {
            held.add(chunk);
            heldBytes += chunk.readableBytes();
        }
        if (backlog() > maxBacklog) {
            overflow();
        }
    }

    /** Reply bytes made for the client and not yet taken by its socket. */
    private long backlog() {
        ChannelOutboundBuffer socket = ctx.channel().unsafe().outboundBuffer();
        return heldBytes + (socket == null ? 0 : socket.totalPendingWriteBytes()) + (out == null ? 0 : out.readableBytes());
    }

    /** Drops the held replies, which the client is not reading, and closes with 1008 after what was handed to the socket. */
    private void overflow() {
        meter.rejected(TransportMeter.Rejection.REPLY_BACKLOG);
        for (ByteBuf chunk : held) {
            chunk.release();
        }
        held.clear();
        heldBytes = 0;
        String reason = "unread replies over " + maxBacklog + " bytes";
        closeSent = true;
        open = false;
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = ctx.alloc().ioBuffer(4 + text.length);
        header(buf, CLOSE, 2 + text.length);
        buf.writeShort(CloseCodes.POLICY_VIOLATION);
        buf.writeBytes(text);
        ctx.writeAndFlush(buf);
        loop.schedule(() -> ctx.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    private ByteBuf buffer(int payload) {
        if (out == null) {
            out = ctx.alloc().ioBuffer(Math.max(4096, payload + 10));
        }
        out.ensureWritable(payload + 10);
        return out;
    }

    private static void header(ByteBuf buf, int first, int size) {
        buf.writeByte(first);
        if (size < 126) {
            buf.writeByte(size);
        } else if (size < 65536) {
            buf.writeByte(126);
            buf.writeShort(size);
        } else {
            buf.writeByte(127);
            buf.writeLong(size);
        }
    }
}
