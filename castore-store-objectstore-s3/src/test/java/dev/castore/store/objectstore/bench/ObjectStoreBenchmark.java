package dev.castore.store.objectstore.bench;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.store.objectstore.ObjectStoreBlobServiceConfig;
import dev.castore.store.objectstore.s3.S3ProxyServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Put and read throughput of one large random blob into {@code file://} and into S3 (s3proxy in
 * this JVM, on loopback), next to {@code b3sum --num-threads 1} on the same file, plus the peak
 * heap during each put. Run by {@code benchmarks/objectstore.sh}; args: size in MiB (default 1024).
 */
public final class ObjectStoreBenchmark {

    private static final int PIECE = 1 << 20;

    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
        Path work = Files.createTempDirectory("castore-objectstore-bench");
        try {
            Path data = work.resolve("blob.bin");
            writeRandom(data, size);
            System.out.printf("blob: %d MiB of random data; BLAKE3 implementation: %s; max heap %d MiB%n",
                    size >> 20, Blake3.implementationName(), Runtime.getRuntime().maxMemory() >> 20);
            b3sum(data, size);
            String fileUrl = "file://" + work.resolve("store").toAbsolutePath();
            bench("file://", new ObjectStoreBlobServiceConfig(fileUrl, Map.of(), null), data, size);
            try (S3ProxyServer s3 = new S3ProxyServer()) {
                String bucket = s3.newBucket();
                bench("s3 (s3proxy, loopback)", new ObjectStoreBlobServiceConfig("s3://" + bucket + "/bench",
                        S3ProxyServer.options(s3.endpoint()), null), data, size);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void writeRandom(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        ByteBuffer buf = ByteBuffer.allocate(PIECE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < size; done += PIECE) {
                buf.clear();
                while (buf.hasRemaining()) {
                    buf.putLong(random.nextLong());
                }
                buf.flip().limit((int) Math.min(PIECE, size - done));
                ch.write(buf);
            }
        }
    }

    private static void b3sum(Path file, long size) throws Exception {
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder("b3sum", "--num-threads", "1", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            System.out.println("b3sum --num-threads 1: not installed (apt-get install -y b3sum)");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        System.out.printf("%-24s %8.1f MB/s   (%s)%n", "b3sum --num-threads 1", rate(size, start), out.split(" ")[0]);
    }

    private static void bench(String name, ObjectStoreBlobServiceConfig config, Path data, long size) throws Exception {
        try (BlobService service = config.build("bench", null)) {
            System.gc();
            HeapSampler sampler = new HeapSampler();
            long start = System.nanoTime();
            B3Digest digest;
            try (FileChannel in = FileChannel.open(data); BlobWriter w = service.openWriter()) {
                w.expect(size); // as the import does: the writer sizes its buffers and hasher by it
                ByteBuffer buf = ByteBuffer.allocate(PIECE);
                while (in.read(buf.clear()) >= 0) {
                    w.write(buf.flip());
                }
                digest = w.commit();
            }
            double put = rate(size, start);
            long peak = sampler.stop();
            start = System.nanoTime();
            long read = 0;
            try (BlobReader r = service.open(digest).orElseThrow()) {
                ByteBuffer buf = ByteBuffer.allocate(PIECE);
                for (int n; (n = r.read(buf.clear())) >= 0; ) {
                    read += n;
                }
            }
            if (read != size) {
                throw new IllegalStateException("read " + read + " of " + size + " bytes");
            }
            System.out.printf("%-24s put %8.1f MB/s   read %8.1f MB/s   peak heap during put %d MiB   (%s, %d chunks)%n",
                    name, put, rate(size, start), peak >> 20, digest.toHex(), service.chunks(digest).orElseThrow().size());
        }
    }

    /** Peak of used heap (total - free), sampled every 5 ms (java.lang.management is not readable here). */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread = Thread.ofPlatform().daemon().start(() -> {
            Runtime rt = Runtime.getRuntime();
            while (running) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get();
        }
    }

    private static double rate(long bytes, long startNanos) {
        return bytes / 1e6 / ((System.nanoTime() - startNanos) / 1e9);
    }
}
