package io.nemesisdb.transport.netty;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.net.ssl.SSLException;

import io.nemesisdb.command.CommandDispatcher;
import io.nemesisdb.config.ServerSettings;
import io.nemesisdb.config.Transport;
import io.nemesisdb.security.Admission;
import io.nemesisdb.security.ServerTls;
import io.nemesisdb.security.TlsMaterial;
import io.nemesisdb.transport.HelidonListener;
import io.nemesisdb.transport.OpenConnections;
import io.nemesisdb.transport.TransportMeter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The event-loop transport: when {@code nemesis.transport} is {@code netty}, listens on
 * {@code server.host:server.port} with a few Netty event loops (epoll where available), each
 * owning many connections and running their commands on the loop thread itself. A connection's
 * pipeline is the HTTP codec and the {@link HandshakeHandler} until the WebSocket handshake, then
 * the {@link FrameHandler} alone.
 */
@ApplicationScoped
public class NettyTransport {

    private static final Logger LOG = Logger.getLogger(NettyTransport.class.getName());

    /** Limits of the opening handshake: request line, all headers, one chunk. */
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADERS = 16384;

    @Inject
    ServerSettings settings;

    @Inject
    CommandDispatcher dispatcher;

    @Inject
    OpenConnections connections;

    @Inject
    TransportMeter meter;

    @Inject
    Admission admission;

    @Inject
    ServerTls tls;

    /** The TLS of new connections, or null for plain ws://; replaced when the certificate is renewed. */
    private volatile SslContext sslContext;

    private EventLoopGroup acceptor;
    private EventLoopGroup loops;
    private Channel listener;
    private volatile int port = -1;

    /**
     * Binds after the start-up load ({@code PLATFORM_AFTER + 50}), so that no client sees a
     * half-loaded store, and before Helidon starts its own listeners ({@code PLATFORM_AFTER + 100}).
     */
    void start(@Observes @Priority(PLATFORM_AFTER + 90) @Initialized(ApplicationScoped.class) Object started) {
        if (settings.transport() != Transport.NETTY) {
            return;
        }
        if (tls.material() != null) {
            sslContext = sslContextOf(tls.material());
            tls.onRenewal(renewed -> sslContext = sslContextOf(renewed));
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        int loopCount = settings.eventLoops() > 0 ? settings.eventLoops() : Runtime.getRuntime().availableProcessors();
        BusyPoll busyPoll = new BusyPoll(settings.busyPoll().toNanos(), loopCount);
        IoHandlerFactory loopIo = settings.busyPoll().isZero() ? io : epoll
                ? EpollIoHandler.newFactory(0, busyPoll)
                : NioIoHandler.newFactory(SelectorProvider.provider(), busyPoll);
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("nemesis-accept", true), io);
        loops = new MultiThreadIoEventLoopGroup(loopCount, new DefaultThreadFactory("nemesis-loop", true), loopIo);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, loops)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_RCVBUF, 256 * 1024)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(FrameHandler.PAUSE_BELOW, FrameHandler.PAUSE_ABOVE))
                .handler(new SocketCap(connections.max() + HelidonListener.TCP_MARGIN))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        SslContext ssl = sslContext;
                        if (ssl != null) {
                            channel.pipeline().addLast("tls", ssl.newHandler(channel.alloc()));
                        }
                        channel.pipeline()
                                .addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_HEADERS))
                                .addLast("handshake", new HandshakeHandler(NettyTransport.this));
                    }
                });
        try {
            listener = bootstrap.bind(new InetSocketAddress(settings.host(), settings.port())).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + settings.host() + ":" + settings.port(), e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        port = ((InetSocketAddress) listener.localAddress()).getPort();
        LOG.fine(() -> "WebSocket listener on " + settings.host() + ":" + port + " (" + loopCount + " "
                + (epoll ? "epoll" : "NIO") + " event loops)");
    }

    /**
     * Counts the sockets the listener accepted and has not closed, handshaking or upgraded, and
     * closes each one past {@code cap} on the accepting thread, before it costs more than its file.
     */
    @ChannelHandler.Sharable
    private final class SocketCap extends ChannelInboundHandlerAdapter {
        private final int cap;
        private final AtomicInteger sockets = new AtomicInteger();

        SocketCap(int cap) {
            this.cap = cap;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel socket = (Channel) msg;
            if (sockets.incrementAndGet() > cap) {
                sockets.decrementAndGet();
                meter.rejected(TransportMeter.Rejection.MAX_CONNECTIONS);
                socket.unsafe().closeForcibly();
                return;
            }
            socket.closeFuture().addListener(closed -> sockets.decrementAndGet());
            ctx.fireChannelRead(msg);
        }
    }

    private static SslContext sslContextOf(TlsMaterial material) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(material.key(), material.chain().toArray(X509Certificate[]::new));
            if (material.mutual()) {
                builder.trustManager(material.clientAuthorities().toArray(X509Certificate[]::new)).clientAuth(ClientAuth.REQUIRE);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The port clients connect to, or -1 before the listener is bound (or when another transport serves). */
    public int port() {
        return port;
    }

    /** True while the listener is bound and accepts (Netty pauses accepting for a second when the process is out of files, then goes on). */
    public boolean isAccepting() {
        Channel bound = listener;
        return bound != null && bound.isActive();
    }

    /** Stops accepting and closes every connection at once. */
    @PreDestroy
    void stop() {
        if (listener != null) {
            listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        if (acceptor != null) {
            acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }

    CommandDispatcher dispatcher() {
        return dispatcher;
    }

    OpenConnections connections() {
        return connections;
    }

    TransportMeter meter() {
        return meter;
    }

    Admission admission() {
        return admission;
    }

    ServerSettings settings() {
        return settings;
    }
}
