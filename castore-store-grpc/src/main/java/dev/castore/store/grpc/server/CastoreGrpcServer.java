package dev.castore.store.grpc.server;

import dev.castore.api.telemetry.Telemetry;
import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.AddressInUseException;
import dev.castore.api.spi.FailureLog;
import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ThrottledLog;
import dev.castore.store.grpc.wire.BearerTokenFile;
import dev.castore.store.grpc.wire.Liveness;
import dev.castore.store.grpc.wire.MessageSize;
import dev.castore.store.grpc.wire.NativeErrors;
import dev.castore.store.grpc.wire.ShadedNetty;
import dev.castore.store.grpc.wire.WireMethods;
import dev.castore.store.grpc.wire.WirePackage;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server exposing a blob and a directory service under both package names,
 * {@code snix.castore.v1} and {@code tvix.castore.v1}, plus the standard health service
 * ({@code grpc.health.v1}) and server reflection (which lists and describes both). Calls run on
 * virtual threads, so backends may block.
 */
public final class CastoreGrpcServer implements Listener {

    private static final Logger LOG = LoggerFactory.getLogger(CastoreGrpcServer.class);
    private static final long GRACE_SECONDS = 5;
    /** At most one line per this interval about malformed requests, however many arrive. */
    private static final Duration MALFORMED_LOG_INTERVAL = Duration.ofMinutes(1);
    private static final String IN_USE = "address already in use";

    private final Server server;
    private final HealthStatusManager health;
    private final ExecutorService executor;
    private final Optional<EventLoopGroup> eventLoops;
    private final Optional<Path> socket;
    private final String address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CastoreGrpcServer(Server server, HealthStatusManager health, ExecutorService executor,
            Optional<EventLoopGroup> eventLoops, Optional<Path> socket, String address) {
        this.server = server;
        this.health = health;
        this.executor = executor;
        this.eventLoops = eventLoops;
        this.socket = socket;
        this.address = address;
    }

    /** Starts serving {@code blobs} and {@code directories} as {@code options} say. */
    public static CastoreGrpcServer start(ListenOptions options, BlobService blobs, DirectoryService directories)
            throws IOException {
        return start(options, blobs, directories, Telemetry.none());
    }

    /**
     * Starts serving {@code blobs} and {@code directories} as {@code options} say, each call
     * reported to {@code telemetry} (its span continues the client's trace).
     */
    public static CastoreGrpcServer start(ListenOptions options, BlobService blobs, DirectoryService directories,
            Telemetry telemetry) throws IOException {
        ShadedNetty.configure();
        // Read before anything is allocated: a bad file fails the start with nothing to release.
        Optional<String> token = options.tokenFile().isPresent()
                ? Optional.of(BearerTokenFile.read(options.tokenFile().get()))
                : Optional.empty();
        ServerCredentials credentials = credentials(options);
        HealthStatusManager health = new HealthStatusManager();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        Optional<EventLoopGroup> loops = Optional.empty();
        Optional<Path> socket = Optional.empty();
        NettyServerBuilder builder;
        if (options.url().scheme().equals("grpc+unix")) {
            Path path = Path.of(options.url().path());
            if (Files.exists(path)) {
                executor.close();
                throw new IOException("cannot listen on " + path + ": the file exists (remove it if no server uses it)");
            }
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(0, EpollIoHandler.newFactory());
            loops = Optional.of(group);
            socket = Optional.of(path);
            builder = NettyServerBuilder.forAddress(new DomainSocketAddress(path.toString()),
                            InsecureServerCredentials.create())
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(group)
                    .workerEventLoopGroup(group)
                    // grpc-java asks every accepted channel for SO_KEEPALIVE, which a Unix socket
                    // does not have: netty would log a warning for each connection. null removes it.
                    .withChildOption(ChannelOption.SO_KEEPALIVE, null);
        } else {
            String host = options.url().host();
            host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, options.url().port().getAsInt()),
                    credentials);
        }
        builder.executor(executor).maxInboundMessageSize(MessageSize.MAX)
                .keepAliveTime(Liveness.SERVER_PING_AFTER.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(Liveness.PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveTime(Liveness.PERMITTED_CLIENT_PINGS.toMillis(), TimeUnit.MILLISECONDS);
        for (ServerServiceDefinition service : services(token, blobs, directories, telemetry)) {
            builder.addService(service);
        }
        builder.addService(health.getHealthService());
        if (options.reflection()) {
            builder.addService(ProtoReflectionServiceV1.newInstance());
        }
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            executor.close();
            loops.ifPresent(EventLoopGroup::shutdownGracefully);
            String reason = bindFailure(e, socket.isEmpty());
            String message = "cannot listen on " + options.url().withoutQuery() + ": " + reason;
            throw reason.equals(IN_USE) ? new AddressInUseException(message, e) : new IOException(message, e);
        }
        for (WirePackage p : WirePackage.values()) {
            health.setStatus(p.blobServiceName(), ServingStatus.SERVING);
            health.setStatus(p.directoryServiceName(), ServingStatus.SERVING);
        }
        String address = socket.map(s -> "grpc+unix://" + s).orElseGet(() -> options.url().scheme() + "://"
                + options.url().host() + ":" + ((InetSocketAddress) server.getListenSockets().getFirst()).getPort());
        LOG.info("serving castore over gRPC at {}", address);
        warnIfExposed(options, token.isPresent(), server);
        return new CastoreGrpcServer(server, health, executor, loops, socket, address);
    }

    /**
     * One warning line when plain HTTP/2 is reachable from other hosts: without a token anyone who
     * reaches the port can read and write the stores; with one, the token crosses the network in
     * clear text.
     */
    private static void warnIfExposed(ListenOptions options, boolean token, Server server) {
        if (!options.url().scheme().equals("grpc+http")) {
            return;
        }
        InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().getFirst();
        if (bound.getAddress().isLoopbackAddress()) {
            return;
        }
        String where = options.url().withoutQuery();
        if (token) {
            LOG.warn("{} is plain HTTP/2 beyond this host: the bearer token crosses the network in clear text;"
                    + " use grpc+https (tls-cert-file, tls-key-file)", where);
        } else {
            LOG.warn("{} is plain HTTP/2 beyond this host and needs no token: anyone who reaches it can read and"
                    + " write the stores; add token-file and use grpc+https, or listen on 127.0.0.1 or a unix socket",
                    where);
        }
    }

    private static ServerCredentials credentials(ListenOptions options) throws IOException {
        if (options.tlsCertFile().isEmpty()) {
            return InsecureServerCredentials.create();
        }
        TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder()
                .keyManager(options.tlsCertFile().get().toFile(), options.tlsKeyFile().orElseThrow().toFile());
        if (options.tlsClientCaFile().isPresent()) {
            tls.trustManager(options.tlsClientCaFile().get().toFile())
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
        }
        return tls.build();
    }

    private static List<ServerServiceDefinition> services(Optional<String> token, BlobService blobs,
            DirectoryService directories, Telemetry telemetry) {
        FailureLog failures = new FailureLog(LOG::warn, LOG::debug);
        BlobEndpoint endpoint = new BlobEndpoint(blobs, failures);
        ServerServiceDefinition blob = WireMethods.withReceivedChunks(endpoint.bindService(),
                ServerCalls.asyncClientStreamingCall(endpoint::receive));
        ServerServiceDefinition directory = new DirectoryEndpoint(directories, failures).bindService();
        List<ServerServiceDefinition> out = new ArrayList<>(List.of(blob, directory,
                WireMethods.renamed(blob, WirePackage.TVIX.blobServiceName()),
                WireMethods.renamed(directory, WirePackage.TVIX.directoryServiceName())));
        ThrottledLog malformed = new ThrottledLog(LOG::warn, MALFORMED_LOG_INTERVAL, System::nanoTime);
        out.replaceAll(s -> RequestParsing.inCalls(s, malformed));
        if (token.isPresent()) {
            BearerTokenServerInterceptor check = new BearerTokenServerInterceptor(token.get());
            out.replaceAll(s -> ServerInterceptors.intercept(s, check));
        }
        if (telemetry.enabled()) {
            // Outermost: the span and the per-method metrics cover calls refused for their token too.
            CallTelemetryServerInterceptor observe = new CallTelemetryServerInterceptor(telemetry);
            out.replaceAll(s -> ServerInterceptors.intercept(s, observe));
        }
        return out;
    }

    /**
     * Why binding failed, in words: netty's "Failed to bind to address" hides the reason in its
     * cause, whose message is the C library's, in the words of the user's locale ("Die Adresse
     * wird bereits verwendet"); its error number is not. The JDK's transport, where netty's
     * native one is missing, says it in English or the locale's words, read as they come.
     */
    private static String bindFailure(Exception e, boolean tcp) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            int errno = NativeErrors.errno(c);
            String m = String.valueOf(c.getMessage());
            if (errno == NativeErrors.EADDRINUSE || m.contains("Address already in use")) {
                return IN_USE;
            }
            if (errno == NativeErrors.EACCES || c instanceof BindException && m.contains("Permission denied")) {
                return tcp ? "permission denied (ports below 1024 need privileges)" : "permission denied";
            }
            if (errno == NativeErrors.EADDRNOTAVAIL || m.contains("Cannot assign requested address")) {
                return "no interface of this host has that address";
            }
        }
        return e.getMessage();
    }

    /** The port actually bound (for TCP listeners). */
    public int port() {
        return ((InetSocketAddress) server.getListenSockets().getFirst()).getPort();
    }

    @Override
    public String address() {
        return address;
    }

    /**
     * Reports readiness through the health service: the overall status ({@code ""}) and that of
     * each castore service become {@code NOT_SERVING} while the stores do not answer.
     */
    @Override
    public void ready(boolean ready) {
        ServingStatus status = ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        for (WirePackage p : WirePackage.values()) {
            health.setStatus(p.blobServiceName(), status);
            health.setStatus(p.directoryServiceName(), status);
        }
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        // SIGTERM closes the listener, and so does the daemon's shutdown afterwards.
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        eventLoops.ifPresent(g -> g.shutdownGracefully(0, 1, TimeUnit.SECONDS));
        socket.ifPresent(s -> {
            try {
                Files.deleteIfExists(s);
            } catch (IOException e) {
                LOG.warn("could not remove the socket file {}", s, e);
            }
        });
        LOG.info("stopped serving castore at {}", address);
    }
}
