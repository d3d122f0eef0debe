package dev.castore.store.objectstore.s3;

import dev.castore.store.objectstore.spi.S3Options;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second, independent S3 implementation for the tests: Adobe's S3Mock (Spring Boot, its own
 * request parsing and storage), run as a separate JVM on free loopback ports, from the class path
 * that the castore-test-s3mock module resolves. Its buckets are made at start; each
 * {@link #newStore} uses a fresh key prefix in one of them.
 */
final class S3MockServer implements S3Server {

    static final String BUCKET = "castore";
    private static final Duration START = Duration.ofSeconds(90);

    private final Process process;
    private final Path root;
    private final Path log;
    private final int port;
    private final AtomicInteger prefixes = new AtomicInteger();

    S3MockServer() throws Exception {
        String classpath = Files.readString(Path.of(System.getProperty("castore.s3mock.classpath",
                "../castore-test-s3mock/target/s3mock.classpath"))).strip();
        root = Files.createTempDirectory("castore-s3mock");
        log = Files.createTempFile("castore-s3mock", ".log");
        port = freePort();
        int https = freePort();
        process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, "com.adobe.testing.s3mock.S3MockApplication",
                "--com.adobe.testing.s3mock.http-port=" + port, "--server.port=" + https,
                "--spring.main.banner-mode=off",
                "--com.adobe.testing.s3mock.store.root=" + root,
                "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START.toNanos();
        while (!listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("S3Mock did not start on port " + port + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        // Listening comes before the bucket exists: wait until a store can use it.
        while (true) {
            try (S3ObjectStore probe = newStore("")) {
                probe.head("probe");
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A store in the bucket, below {@code prefix} within a prefix no other store of this server uses. */
    @Override
    public S3ObjectStore newStore(String prefix) {
        return new S3ObjectStore(BUCKET, "p" + prefixes.incrementAndGet() + (prefix.isEmpty() ? "" : "/" + prefix),
                S3Options.parse(S3ProxyServer.options(URI.create("http://127.0.0.1:" + port))));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        Files.deleteIfExists(log);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (!Files.exists(root)) {
            return; // S3Mock removes its root when it stops
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
