package dev.castore.store.objectstore.s3;

import dev.castore.store.objectstore.spi.S3Options;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * A real S3 server for the tests: s3proxy in this JVM on a free loopback port, keeping objects
 * in files of a temporary directory (its in-memory store would hold the large test blob on the
 * capped heap). Each {@link #newBucket()} gives a fresh empty bucket, so tests do not see each
 * other's objects.
 */
public final class S3ProxyServer implements S3Server {

    public static final String ACCESS_KEY = "castore-test-key";
    public static final String SECRET_KEY = "castore-test-secret";

    private final S3Proxy proxy;
    private final BlobStore blobs;
    private final AtomicInteger buckets = new AtomicInteger();

    private final Path baseDir;

    public S3ProxyServer() throws Exception {
        baseDir = Files.createTempDirectory("castore-s3proxy");
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        blobs = BlobStores.create("filesystem", properties);
        proxy = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(5);
        }
    }

    public int port() {
        return proxy.getPort();
    }

    /**
     * Runs a server for the benchmarks until killed: prints its port, then makes the bucket
     * named by the first argument. Killed with SIGTERM, it stops and removes its objects (a
     * benchmark of 4 GiB leaves 16 GB of them).
     */
    public static void main(String[] args) throws Exception {
        S3ProxyServer server = new S3ProxyServer();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("s3proxy: cannot remove " + server.baseDir + ": " + e);
            }
        }, "s3proxy-cleanup"));
        server.blobs.createContainer(args.length > 0 ? args[0] : "castore");
        System.out.println(server.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** A new, empty bucket. */
    public String newBucket() {
        String name = "bucket-" + buckets.incrementAndGet();
        blobs.createContainer(name);
        return name;
    }

    /** Options for this server (or for {@code endpoint}, e.g. a proxy in front of it), as a user writes them. */
    public static Map<String, String> options(URI endpoint) {
        Map<String, String> o = new HashMap<>();
        o.put("aws_access_key_id", ACCESS_KEY);
        o.put("aws_secret_access_key", SECRET_KEY);
        o.put("aws_endpoint", endpoint.toString());
        o.put("aws_allow_http", "true");
        o.put("aws_region", "us-east-1");
        return o;
    }

    /**
     * Options for a service that reaches this server through {@code port} (a proxy in front of it),
     * with short timeouts and one retry, so that a failing peer fails a call within seconds.
     */
    public static Map<String, String> impatientOptions(int port) {
        Map<String, String> o = options(URI.create("http://127.0.0.1:" + port));
        o.put("connect_timeout", "1s");
        o.put("timeout", "2s");
        o.put("retry_timeout", "5s");
        o.put("max_retries", "1");
        return o;
    }

    /** A store on a new bucket of this server, below {@code prefix}. */
    @Override
    public S3ObjectStore newStore(String prefix) {
        return new S3ObjectStore(newBucket(), prefix, S3Options.parse(options(endpoint())));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
