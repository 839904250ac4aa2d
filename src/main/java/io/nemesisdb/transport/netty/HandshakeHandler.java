package io.nemesisdb.transport.netty;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.nemesisdb.security.Admission;
import io.nemesisdb.transport.TransportMeter;
import io.nemesisdb.transport.UpgradeCheck;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * The opening handshake of one connection: checks the upgrade request ({@link UpgradeCheck}),
 * answers 101 and hands the connection to a {@link FrameHandler}, or answers the refusal's HTTP
 * status and closes. Bytes the client sent after its request reach the frame handler.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {

    private final NettyTransport transport;
    private boolean refused;

    HandshakeHandler(NettyTransport transport) {
        this.transport = transport;
    }

    /** Drops the connection if its handshake is not done by {@code nemesis.handshake-timeout}. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (!ctx.isRemoved() && !refused) {
                transport.meter().rejected(TransportMeter.Rejection.BAD_HANDSHAKE);
                ctx.close();
            }
        }, transport.settings().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (refused || !(msg instanceof HttpRequest request)) {
                return; // the request's (empty) last content, or content of a request already refused
            }
            if (request.decoderResult().isFailure()) {
                transport.meter().rejected(TransportMeter.Rejection.BAD_HANDSHAKE);
                refuse(ctx, new UpgradeCheck.Refusal(400, "malformed HTTP request", null, null));
                return;
            }
            HttpHeaders headers = request.headers();
            UpgradeCheck.Refusal refusal = UpgradeCheck.check(request.method().name(), request.uri(),
                    request.protocolVersion().text(), name -> joined(headers, name));
            if (refusal == null && HttpHeaders.isContentLengthSet(request) && HttpHeaders.getContentLength(request, 0) > 0
                    || refusal == null && HttpHeaders.isTransferEncodingChunked(request)) {
                refusal = new UpgradeCheck.Refusal(400, "a WebSocket handshake has no body", null, null);
            }
            if (refusal != null) {
                transport.meter().rejected(TransportMeter.Rejection.BAD_HANDSHAKE);
                refuse(ctx, refusal);
                return;
            }
            Admission.Decision admission = transport.admission().admit(name -> joined(headers, name),
                    ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress(), clientCertificate(ctx));
            if (!admission.admitted()) {
                refuse(ctx, admission.refusal());
                return;
            }
            if (!transport.connections().reserve()) {
                transport.meter().rejected(TransportMeter.Rejection.MAX_CONNECTIONS);
                refuse(ctx, UpgradeCheck.atCapacity(transport.connections().max()));
                return;
            }
            upgrade(ctx, headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY), admission);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void upgrade(ChannelHandlerContext ctx, String key, Admission.Decision admission) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        response.headers()
                .set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                .set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, UpgradeCheck.accept(key));
        if (admission.subprotocol() != null) {
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, admission.subprotocol());
        }
        ctx.writeAndFlush(response); // encoded at once, ahead of every frame
        ChannelPipeline pipeline = ctx.pipeline();
        HttpServerCodec codec = pipeline.get(HttpServerCodec.class);
        codec.removeOutboundHandler();
        pipeline.addAfter(ctx.name(), "frames", new FrameHandler(transport, admission.role()));
        Duration idle = transport.settings().idleTimeout();
        if (!idle.isZero()) {
            pipeline.addBefore("frames", "idle", new IdleStateHandler(idle.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        }
        pipeline.remove(this);
        pipeline.remove(codec); // passes on whatever the client sent after its request
    }

    private void refuse(ChannelHandlerContext ctx, UpgradeCheck.Refusal refusal) {
        byte[] body = (refusal.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(refusal.status()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (refusal.headerName() != null) {
            response.headers().set(refusal.headerName(), refusal.headerValue());
        }
        refused = true;
        ctx.channel().config().setAutoRead(false); // nothing more is read from a refused client
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** The certificate the client presented in the TLS handshake, or null. */
    private static X509Certificate clientCertificate(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            return null;
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate first ? first : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static String joined(HttpHeaders headers, String name) {
        var values = headers.getAll(name);
        return values.isEmpty() ? null : String.join(",", values);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
