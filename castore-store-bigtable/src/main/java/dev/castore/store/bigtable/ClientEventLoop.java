package dev.castore.store.bigtable;

import com.google.api.core.ApiFunction;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop of a store's Bigtable channels, ended when the store is closed. Left to
 * grpc-java, the channels share its default loop, which outlives them and waits in epoll_wait,
 * native code: a JVM that exits while a thread is in native code waits up to 0.3 s for it, so
 * every command on a Bigtable store ended that much later (strace: 28 sleeps of 10 ms before exit).
 */
final class ClientEventLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientEventLoop.class);
    /** The loop's threads: daemons, like grpc-java's own, so a store left open never holds a JVM up. */
    static final String THREAD_PREFIX = "castore-bigtable-client";

    private final EventLoopGroup group;
    private final boolean epoll = Epoll.isAvailable();

    ClientEventLoop(int threads) {
        DefaultThreadFactory factory = new DefaultThreadFactory(THREAD_PREFIX, true);
        group = new MultiThreadIoEventLoopGroup(threads, factory,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * {@code then} after this loop is given to the channel builder, when it is grpc-java's
     * Netty one (any other is left as it is).
     */
    ApiFunction<ManagedChannelBuilder, ManagedChannelBuilder> configurator(
            ApiFunction<ManagedChannelBuilder, ManagedChannelBuilder> then) {
        return builder -> {
            if (builder instanceof NettyChannelBuilder netty) {
                netty.eventLoopGroup(group).channelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class);
            }
            return then == null ? builder : then.apply(builder);
        };
    }

    /** Ends the loop's threads and waits for them; call once the channels are shut down. */
    @Override
    public void close() {
        if (!group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            LOG.debug("the event loop of the bigtable channels did not end within 5 s");
        }
    }
}
