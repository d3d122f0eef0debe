package dev.castore.http;

import com.sun.net.httpserver.HttpServer;
import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryReader;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.AddressInUseException;
import dev.castore.api.spi.Listener;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP/1.1 server answering with a {@link TreeHandler}, one virtual thread per exchange
 * (a blob read blocks on its store).
 */
final class TreeServer implements Listener {

    /** Seconds that exchanges in flight get to finish when the server stops. */
    private static final int GRACE_SECONDS = 2;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String address;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private TreeServer(HttpServer server, ExecutorService executor, String address) {
        this.server = server;
        this.executor = executor;
        this.address = address;
    }

    /**
     * Whether the bind failed because the address is taken. The JDK says why in the words of the
     * user's locale ("Die Adresse wird bereits verwendet") and keeps the error's number to itself:
     * a listener that answers at the address says it as well.
     */
    private static boolean inUse(BindException e, HttpOptions options) {
        if (String.valueOf(e.getMessage()).contains("already in use")) {
            return true;
        }
        if (options.port() == 0) {
            return false;
        }
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(options.host(), options.port()), 1000);
            return true;
        } catch (IOException | RuntimeException nobody) {
            return false;
        }
    }

    static TreeServer start(HttpOptions options, BlobService blobs, DirectoryService directories) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
        } catch (BindException e) {
            // As the gRPC listener says it, which the daemon command adds what to do to.
            String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
            String where = "cannot listen on http://" + host + ":" + options.port() + "/: ";
            throw inUse(e, options) ? new AddressInUseException(where + "address already in use", e)
                    : new IOException(where + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", new TreeHandler(options, blobs, new DirectoryReader(directories)));
        server.start();
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        String address = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/";
        return new TreeServer(server, executor, address);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        server.stop(GRACE_SECONDS);
        executor.close();
        stopped.countDown();
    }
}
