package dev.castore.store.grpc;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.store.grpc.client.ClientSettings;
import dev.castore.store.grpc.client.GrpcBlobService;
import dev.castore.store.grpc.client.GrpcDirectoryService;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A bounded load on a running daemon: {@code clients} threads, each with its own connection,
 * for {@code seconds}, each repeating one round: put a blob (4 KiB to 1 MiB), read it back and
 * compare, put a closure of 50 directories, read it back recursively and compare. Every read is
 * checked against what was put, so a wrong answer is an error. Prints operations per second and
 * the 50th and 99th percentile latency per operation, and the errors.
 *
 * <p>Usage: {@code LoadTest URL CLIENTS SECONDS} (benchmarks/load.sh starts the daemons).
 */
public final class LoadTest {

    private enum Op { BLOB_PUT, BLOB_READ, CLOSURE_PUT, CLOSURE_READ }

    private LoadTest() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int clients = Integer.parseInt(args[1]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[2]));
        ClientSettings settings = ClientSettings.of(url, "snix");
        List<ConcurrentLinkedQueue<Long>> latencies = new ArrayList<>();
        for (int i = 0; i < Op.values().length; i++) {
            latencies.add(new ConcurrentLinkedQueue<>());
        }
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + length.toNanos();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> runs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            runs.add(pool.submit(() -> {
                try (BlobService blobs = GrpcBlobService.connect(settings);
                        DirectoryService directories = GrpcDirectoryService.connect(settings)) {
                    Random random = new Random(client);
                    for (int round = 0; System.nanoTime() < end; round++) {
                        try {
                            round(blobs, directories, random, client, round, latencies, bytes);
                        } catch (Exception | AssertionError e) {
                            errors.incrementAndGet();
                            if (firstErrors.size() < 5) {
                                firstErrors.add(e.toString());
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : runs) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = 0;
        System.out.printf("load: %d clients for %.1f s against %s%n", clients, seconds, url);
        for (Op op : Op.values()) {
            long[] sorted = latencies.get(op.ordinal()).stream().mapToLong(Long::longValue).sorted().toArray();
            total += sorted.length;
            System.out.printf("  %-13s %8d ops %9.1f ops/s   p50 %8.2f ms   p99 %8.2f ms%n", op.name().toLowerCase(),
                    sorted.length, sorted.length / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99));
        }
        System.out.printf("  all           %8d ops %9.1f ops/s   %.1f MB/s of blob bytes both ways%n", total, total / seconds,
                bytes.get() / seconds / 1e6);
        System.out.println("  errors: " + errors.get());
        firstErrors.forEach(e -> System.out.println("    " + e));
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    private static void round(BlobService blobs, DirectoryService directories, Random random, int client, int round,
            List<ConcurrentLinkedQueue<Long>> latencies, AtomicLong bytes) throws Exception {
        byte[] data = new byte[4096 << random.nextInt(9)];
        random.nextBytes(data);
        long t = System.nanoTime();
        B3Digest digest;
        try (BlobWriter w = blobs.openWriter()) {
            w.write(ByteBuffer.wrap(data));
            digest = w.commit();
        }
        latencies.get(Op.BLOB_PUT.ordinal()).add(System.nanoTime() - t);
        check(digest.equals(Blake3.hash(data)), "put answered a wrong digest");
        t = System.nanoTime();
        byte[] back;
        try (BlobReader r = blobs.open(digest).orElseThrow(() -> new AssertionError("a blob just put is missing"))) {
            back = r.inputStream().readAllBytes();
        }
        latencies.get(Op.BLOB_READ.ordinal()).add(System.nanoTime() - t);
        check(Arrays.equals(data, back), "a blob read back differs");
        bytes.addAndGet(2L * data.length);

        List<Directory> closure = closure(client, round, digest, data.length);
        t = System.nanoTime();
        B3Digest root;
        try (DirectoryPutter p = directories.putter()) {
            for (Directory d : closure) {
                p.put(d);
            }
            root = p.commit();
        }
        latencies.get(Op.CLOSURE_PUT.ordinal()).add(System.nanoTime() - t);
        check(root.equals(closure.getLast().digest()), "closure put answered a wrong root");
        t = System.nanoTime();
        List<Directory> got;
        try (Stream<Directory> s = directories.getRecursive(root).asStream()) {
            got = s.toList();
        }
        latencies.get(Op.CLOSURE_READ.ordinal()).add(System.nanoTime() - t);
        check(got.size() == closure.size() && got.getFirst().equals(closure.getLast()), "a closure read back differs");
    }

    /** 50 distinct directories: a chain, each with a file naming the blob just put. */
    private static List<Directory> closure(int client, int round, B3Digest blob, long size) {
        List<Directory> out = new ArrayList<>(50);
        Directory d = Directory.builder().file("c" + client + "-r" + round, blob, size, false).build();
        out.add(d);
        for (int i = 1; i < 50; i++) {
            d = Directory.builder().directory("d" + i, d).file("f", blob, size, false).build();
            out.add(d);
        }
        return out;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
