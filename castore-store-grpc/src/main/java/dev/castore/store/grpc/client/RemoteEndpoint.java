package dev.castore.store.grpc.client;

import dev.castore.api.telemetry.Telemetry;
import dev.castore.api.StorageException;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.grpc.wire.BearerTokenFile;
import dev.castore.store.grpc.wire.Liveness;
import dev.castore.store.grpc.wire.MessageSize;
import dev.castore.store.grpc.wire.ShadedNetty;
import dev.castore.store.grpc.wire.WireMethods;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a castore gRPC server: the channel (created once, closed by {@link #close()}),
 * the methods of the package it speaks, and the target for messages.
 */
final class RemoteEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteEndpoint.class);

    private static final long WAIT_CONNECT_SECONDS = 10;
    /** The event loops' threads: daemons, like grpc-java's own, so a store left open never holds a JVM up. */
    static final String LOOP_THREAD_PREFIX = "castore-grpc-client";
    private static final ThreadFactory LOOP_THREADS = new DefaultThreadFactory(LOOP_THREAD_PREFIX, true);

    private final ManagedChannel channel;
    private final Channel interceptedChannel;
    private final EventLoopGroup eventLoops;
    private final WireMethods methods;
    private final String target;

    private RemoteEndpoint(ManagedChannel channel, Channel intercepted, EventLoopGroup eventLoops,
            WireMethods methods, String target) {
        this.channel = channel;
        this.interceptedChannel = intercepted;
        this.eventLoops = eventLoops;
        this.methods = methods;
        this.target = target;
    }

    /** Creates the channel; connects right away when the settings ask for {@code wait-connect}. */
    static RemoteEndpoint open(ClientSettings settings, Telemetry telemetry) throws IOException {
        ShadedNetty.configure();
        ServiceUrl url = settings.url();
        ChannelCredentials credentials = credentials(settings);
        Optional<String> token = settings.bearerTokenFile().isPresent()
                ? Optional.of(BearerTokenFile.read(settings.bearerTokenFile().get()))
                : Optional.empty();
        // One event loop of the endpoint's own, ended with it (see close()).
        NettyChannelBuilder builder;
        EventLoopGroup loops;
        if (url.scheme().equals("grpc+unix")) {
            loops = new MultiThreadIoEventLoopGroup(1, LOOP_THREADS, EpollIoHandler.newFactory());
            builder = NettyChannelBuilder.forAddress(new DomainSocketAddress(url.path()), credentials)
                    .channelType(EpollDomainSocketChannel.class)
                    .overrideAuthority("localhost")
                    // grpc-java asks for SO_KEEPALIVE, which a Unix socket does not have: netty
                    // would log a warning for each connection. null removes the option.
                    .withOption(ChannelOption.SO_KEEPALIVE, null);
        } else if (Epoll.isAvailable()) {
            loops = new MultiThreadIoEventLoopGroup(1, LOOP_THREADS, EpollIoHandler.newFactory());
            builder = NettyChannelBuilder.forAddress(unbracket(url.host()), url.port().getAsInt(), credentials)
                    .channelType(EpollSocketChannel.class);
        } else {
            loops = new MultiThreadIoEventLoopGroup(1, LOOP_THREADS, NioIoHandler.newFactory());
            builder = NettyChannelBuilder.forAddress(unbracket(url.host()), url.port().getAsInt(), credentials)
                    .channelType(NioSocketChannel.class);
        }
        builder.eventLoopGroup(loops);
        // The calls' callbacks only signal a waiting caller (OutboundStream), so they run on the
        // event loop instead of waking a thread of a pool to do it: 20,000 small files through a
        // daemon took 4.7 to 5.8 s with the pool, 3.8 to 4.6 s without (BENCHMARKS.md).
        ManagedChannel channel = builder.maxInboundMessageSize(MessageSize.MAX)
                .directExecutor()
                .keepAliveTime(Liveness.CLIENT_PING_AFTER.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(Liveness.PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        Channel intercepted = channel;
        if (token.isPresent()) {
            intercepted = ClientInterceptors.intercept(channel, new BearerTokenClientInterceptor(token.get()));
        }
        if (telemetry.enabled()) {
            intercepted = ClientInterceptors.intercept(intercepted, new TraceContextClientInterceptor(telemetry));
        }
        RemoteEndpoint endpoint = new RemoteEndpoint(channel, intercepted, loops,
                WireMethods.forPackage(settings.wirePackage()), url.withoutQuery());
        if (settings.waitConnect()) {
            try {
                endpoint.awaitReady();
            } catch (IOException e) {
                endpoint.close();
                throw e;
            }
        }
        return endpoint;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static ChannelCredentials credentials(ClientSettings s) throws IOException {
        if (!s.url().scheme().equals("grpc+https")) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        if (s.tlsCaFile().isPresent()) {
            tls.trustManager(s.tlsCaFile().get().toFile());
        }
        if (s.tlsCertFile().isPresent()) {
            tls.keyManager(s.tlsCertFile().get().toFile(), s.tlsKeyFile().orElseThrow().toFile());
        }
        return tls.build();
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_CONNECT_SECONDS);
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY) {
            if (state == ConnectivityState.TRANSIENT_FAILURE || state == ConnectivityState.SHUTDOWN) {
                throw new StorageException("could not connect to " + target + " (wait-connect=1): " + state);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new StorageException("could not connect to " + target + " within " + WAIT_CONNECT_SECONDS
                        + " s (wait-connect=1)");
            }
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            try {
                changed.await(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while connecting to " + target);
            }
            state = channel.getState(true);
        }
    }

    Channel channel() {
        return interceptedChannel;
    }

    CallOptions callOptions() {
        return CallOptions.DEFAULT;
    }

    WireMethods methods() {
        return methods;
    }

    String target() {
        return target;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The loop's thread waits in epoll_wait, native code, and a JVM that exits while a
        // thread is in native code waits up to 0.3 s for it to return: every command through a
        // server ended that much later while grpc-java's shared event loop (released a second
        // after the last channel) was left running. So the loop is ended here, and waited for.
        if (!eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            LOG.debug("the event loop of the channel to {} did not end within 5 s", target);
        }
    }
}
