package io.nemesisdb.transport.netty;

import static io.nemesisdb.transport.FrameRules.BINARY;
import static io.nemesisdb.transport.FrameRules.CLOSE;
import static io.nemesisdb.transport.FrameRules.CONTINUATION;
import static io.nemesisdb.transport.FrameRules.PING;
import static io.nemesisdb.transport.FrameRules.PONG;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nemesisdb.command.CommandDispatcher;
import io.nemesisdb.json.Utf8;
import io.nemesisdb.security.Role;
import io.nemesisdb.transport.CloseCodes;
import io.nemesisdb.transport.FrameRules;
import io.nemesisdb.transport.TransportMeter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The reading half of one connection on the event-loop transport, after the handshake: decodes
 * RFC 6455 frames from the bytes as they arrive, reassembles messages, enforces
 * {@code maxPayload} at the frame header (1009, before the payload arrives) and UTF-8 (1007),
 * answers pings, echoes the client's close, and runs each text message through the
 * {@link CommandDispatcher} on the loop thread. While the client leaves its replies unread, the
 * requests it keeps sending wait in the input buffer and reading stops.
 */
final class FrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(FrameHandler.class.getName());

    /** Socket backlog (bytes) above which the connection stops taking requests, and below which it takes them again. */
    static final int PAUSE_ABOVE = 256 * 1024;
    static final int PAUSE_BELOW = 64 * 1024;
    /** The most a connection reads and discards after closing for an oversized frame. */
    private static final long MAX_DRAIN = 64L * 1024 * 1024;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);


    private final NettyTransport transport;
    private final CommandDispatcher dispatcher;
    private final TransportMeter meter;
    private final int maxPayload;
    /** What the connection's access key allows. */
    private final Role role;

    private NettyConnection connection;
    /** Bytes received and not yet decoded. */
    private ByteBuf input;
    /** The unmasked payload of the message being assembled. */
    private byte[] message = new byte[4096];
    private int messageLength;
    /** The opcode of the message being reassembled from fragments, or 0 between messages. */
    private int messageOpcode;
    /** Payload bytes of a frame being discarded (after a 1009, or after this side sent its close). */
    private long skipping;
    private long unreportedBytes;
    private boolean paused;
    /** An expensive command of this connection running on another thread: later messages wait for it. */
    private CompletableFuture<Void> running;

    FrameHandler(NettyTransport transport, Role role) {
        this.transport = transport;
        this.role = role;
        this.dispatcher = transport.dispatcher();
        this.meter = transport.meter();
        this.maxPayload = transport.settings().maxPayload();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection = new NettyConnection(ctx, meter, transport.settings().maxReplyBacklog());
        transport.connections().opened(connection);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        transport.connections().closed(connection);
        connection.released();
        if (input != null) {
            input.release();
            input = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg); // the handshake's last HTTP content
            return;
        }
        input = input == null ? bytes : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), input, bytes);
        decode(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unreportedBytes > 0) {
            meter.received(unreportedBytes);
            unreportedBytes = 0;
        }
        connection.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            connection.writable();
            if (paused && !connection.isBackedUp()) {
                paused = false;
                ctx.channel().config().setAutoRead(true);
                decode(ctx);
                connection.flush();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Nothing received for {@code nemesis.idle-timeout}. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            meter.rejected(TransportMeter.Rejection.IDLE_TIMEOUT);
            connection.closeWith(CloseCodes.NORMAL, "idle for more than " + transport.settings().idleTimeout().toSeconds() + " s");
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof OutOfMemoryError) {
            failed(cause);
            return;
        }
        LOG.log(Level.FINE, "connection failed", cause);
        ctx.close();
    }

    /** Something failed outside any command (a command's own failure is its reply): 1011, never a silent drop. */
    private void failed(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            LOG.severe("out of memory while serving a connection; it was closed with 1011");
        } else {
            LOG.log(Level.SEVERE, "request failed unexpectedly", e);
        }
        try {
            connection.closeWith(CloseCodes.INTERNAL_ERROR, "unexpected server error");
        } catch (RuntimeException | OutOfMemoryError again) {
            connection.abort(); // no memory even for a close frame
        }
    }

    /** Handles every whole frame in the input, unless the client's unread replies pause it. */
    private void decode(ChannelHandlerContext ctx) {
        while (input != null && input.isReadable() && ctx.channel().isActive()) {
            if (skipping > 0) {
                int n = (int) Math.min(skipping, input.readableBytes());
                input.skipBytes(n);
                skipping -= n;
                continue;
            }
            if (connection.isBackedUp() && !connection.closeSent()) {
                paused = true;
                ctx.channel().config().setAutoRead(false);
                break;
            }
            if (running != null && !nextIsControlFrame()) {
                // control frames go on (a close is noticed, and stops the command); messages wait
                if (input.readableBytes() > maxPayload + 65536) {
                    ctx.channel().config().setAutoRead(false);
                }
                break;
            }
            if (!frame(ctx)) {
                break;
            }
        }
        if (input != null) {
            if (!input.isReadable()) {
                input.release();
                input = null;
            } else {
                input.discardSomeReadBytes();
            }
        }
    }

    /** The expensive command finished (its replies are queued ahead of this): the next messages may run. */
    private void resume(ChannelHandlerContext ctx) {
        running = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!paused) {
            ctx.channel().config().setAutoRead(true);
        }
        decode(ctx);
        connection.flush();
    }

    /** True when the input starts with the first two bytes of a control frame. */
    private boolean nextIsControlFrame() {
        return input.readableBytes() >= 1 && (input.getUnsignedByte(input.readerIndex()) & 0x0F) >= CLOSE;
    }

    /** Decodes one frame if the input holds all of it; false when more bytes are needed (or the connection is over). */
    private boolean frame(ChannelHandlerContext ctx) {
        ByteBuf in = input;
        int available = in.readableBytes();
        if (available < 2) {
            return false;
        }
        int start = in.readerIndex();
        int b0 = in.getUnsignedByte(start);
        int b1 = in.getUnsignedByte(start + 1);
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        String problem = FrameRules.headerProblem(b0, b1, messageOpcode);
        if (problem != null) {
            return protocolError(problem);
        }
        boolean control = opcode >= CLOSE;
        int length7 = b1 & 0x7F;
        int headerLength = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + 4;
        if (available < headerLength) {
            return false;
        }
        long length = length7 == 126 ? in.getUnsignedShort(start + 2) : length7 == 127 ? in.getLong(start + 2) : length7;
        if (length < 0) {
            return protocolError("frame length over 2^63");
        }
        int mask = in.getInt(start + headerLength - 4);
        if (!control) {
            if (messageLength + length > maxPayload) {
                in.skipBytes(headerLength);
                meter.rejected(TransportMeter.Rejection.OVERSIZE);
                connection.closeWith(CloseCodes.TOO_BIG, "message larger than " + maxPayload + " bytes");
                messageOpcode = 0;
                messageLength = 0;
                if (length > MAX_DRAIN) {
                    ctx.close();
                    return false;
                }
                skipping = length;
                return true;
            }
            if (connection.closeSent()) {
                in.skipBytes(headerLength);
                skipping = length;
                return true;
            }
        }
        if (available - headerLength < length) {
            return false;
        }
        in.skipBytes(headerLength);
        int size = (int) length;
        if (control) {
            return controlFrame(ctx, opcode, in.readSlice(size), mask);
        }
        if (opcode != CONTINUATION) {
            messageOpcode = opcode;
        }
        appendUnmasked(in, size, mask);
        if (!fin) {
            return true;
        }
        int whole = messageOpcode;
        int wholeLength = messageLength;
        messageOpcode = 0;
        messageLength = 0;
        message(ctx, whole, wholeLength);
        return true;
    }

    private void message(ChannelHandlerContext ctx, int opcode, int size) {
        unreportedBytes += size;
        if (opcode == BINARY) {
            dispatcher.onBinary(connection);
        } else if (!Utf8.isValid(message, 0, size)) {
            meter.rejected(TransportMeter.Rejection.INVALID_UTF8);
            connection.closeWith(CloseCodes.INVALID_PAYLOAD, "text message is not valid UTF-8");
        } else {
            try {
                CompletableFuture<Void> done = dispatcher.onText(message, size, connection, role);
                if (done != CommandDispatcher.DONE) {
                    // even when already complete: its replies reach this loop as tasks queued ahead of the resume
                    running = done;
                    done.whenComplete((result, failure) -> ctx.executor().execute(() -> resume(ctx)));
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                failed(e);
            }
        }
        if (message.length > 65536 && size > 65536) {
            message = new byte[4096];
        }
    }

    private boolean controlFrame(ChannelHandlerContext ctx, int opcode, ByteBuf masked, int mask) {
        int size = masked.readableBytes();
        byte[] payload = new byte[size];
        masked.readBytes(payload);
        for (int i = 0; i < size; i++) {
            payload[i] ^= (byte) (mask >>> (24 - 8 * (i & 3)));
        }
        switch (opcode) {
            case PING -> {
                connection.pong(payload);
                return true;
            }
            case PONG -> {
                return true; // unsolicited pongs need no answer
            }
            default -> {
                return closeFrame(ctx, payload);
            }
        }
    }

    /** The client's close: echoed (or answered with 1002/1007 when invalid) unless this side closed first; then the socket closes. */
    private boolean closeFrame(ChannelHandlerContext ctx, byte[] payload) {
        int answer = FrameRules.answerToClose(payload, payload.length);
        connection.closeWith(answer, answer == CloseCodes.PROTOCOL_ERROR ? "invalid close frame"
                : answer == CloseCodes.INVALID_PAYLOAD ? "close reason is not valid UTF-8" : "");
        connection.closeSocketWhenSent();
        return false;
    }

    /** Fails the connection (1002): after a broken frame the rest of the stream cannot be trusted. */
    private boolean protocolError(String reason) {
        connection.closeWith(CloseCodes.PROTOCOL_ERROR, reason);
        input.skipBytes(input.readableBytes());
        return false;
    }

    /** Copies {@code size} masked bytes from {@code in} to the message buffer, unmasking eight at a time. */
    private void appendUnmasked(ByteBuf in, int size, int mask) {
        int end = messageLength + size;
        if (end > message.length) {
            message = Arrays.copyOf(message, Math.max(end, message.length * 2));
        }
        long mask8 = (mask & 0xFFFFFFFFL) | ((long) mask << 32);
        byte[] m = message;
        int from = in.readerIndex();
        int i = 0;
        int at = messageLength;
        for (; i + 8 <= size; i += 8, at += 8) {
            LONG.set(m, at, in.getLong(from + i) ^ mask8);
        }
        for (; i < size; i++, at++) {
            m[at] = (byte) (in.getByte(from + i) ^ (mask >>> (24 - 8 * (i & 3))));
        }
        in.skipBytes(size);
        messageLength = end;
    }
}
