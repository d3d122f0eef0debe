package dev.castore.store.grpc;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Blobs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Throughput of the gRPC client and server on loopback against the same operations in-process on
 * the memory store, in one run: blob put and read, and the recursive get of a closure of
 * 100,000 small directories. Run it with {@code benchmarks/grpc.sh}.
 */
public final class GrpcBenchmark {

    private static final long BLOB_SIZE = 256L << 20;
    private static final int MIDDLES = 100;
    private static final int LEAVES_PER_MIDDLE = 999;

    private GrpcBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.println("BLAKE3 implementation: " + Blake3.implementationName()
                + ", blob " + (BLOB_SIZE >> 20) + " MiB, closure of " + (1 + MIDDLES + MIDDLES * LEAVES_PER_MIDDLE)
                + " directories");
        List<Directory> closure = closure(0);
        for (int round = 1; round <= 2; round++) {
            System.out.println("-- round " + round + (round == 1 ? " (warm-up)" : ""));
            blobs("in-process memory", new MemoryBlobService(), round);
            try (LoopbackServer server = LoopbackServer.serve(new MemoryBlobService(), new MemoryDirectoryService());
                    BlobService client = server.blobClient()) {
                blobs("gRPC loopback -> memory", client, round);
            }
            try (LoopbackServer server = LoopbackServer.serve(
                            new FixedChunkBlobService(new MemoryBlobService()), new MemoryDirectoryService());
                    BlobService client = server.blobClient()) {
                blobs("gRPC loopback -> 256 KiB chunks", client, round);
            }
            directories("in-process memory", new MemoryDirectoryService(), closure);
            try (LoopbackServer server = LoopbackServer.serve(new MemoryBlobService(), new MemoryDirectoryService());
                    DirectoryService client = server.directoryClient()) {
                directories("gRPC loopback -> memory", client, closure);
            }
        }
    }

    static void blobs(String label, BlobService service, int round) throws IOException {
        Blobs.Generated blob = new Blobs.Generated(round, BLOB_SIZE);
        long t0 = System.nanoTime();
        B3Digest d = blob.writeTo(service, 1 << 20);
        long t1 = System.nanoTime();
        long read;
        try (BlobReader r = service.open(d).orElseThrow()) {
            read = Blobs.count(r);
        }
        long t2 = System.nanoTime();
        if (read != BLOB_SIZE) {
            throw new IllegalStateException("read " + read + " bytes");
        }
        System.out.printf("%-34s blob put %7.1f MB/s   read %7.1f MB/s%n", label, mbps(t1 - t0), mbps(t2 - t1));
        service.close();
    }

    private static double mbps(long nanos) {
        return BLOB_SIZE / 1e6 / (nanos / 1e9);
    }

    static void directories(String label, DirectoryService service, List<Directory> leavesFirst)
            throws IOException {
        long t0 = System.nanoTime();
        B3Digest root;
        try (DirectoryPutter p = service.putter()) {
            for (Directory d : leavesFirst) {
                p.put(d);
            }
            root = p.commit();
        }
        long t1 = System.nanoTime();
        long count;
        try (Stream<Directory> s = service.getRecursive(root).asStream()) {
            count = s.count();
        }
        long t2 = System.nanoTime();
        if (count != leavesFirst.size()) {
            throw new IllegalStateException("got " + count + " directories");
        }
        System.out.printf("%-34s closure put %8.0f dirs/s   recursive get %8.0f dirs/s%n", label,
                count / ((t1 - t0) / 1e9), count / ((t2 - t1) / 1e9));
        service.close();
    }

    /**
     * A root over 100 directories over 999 distinct leaves each: 100,001 directories, leaves first;
     * a different {@code salt} gives different directories.
     */
    static List<Directory> closure(int salt) {
        List<Directory> out = new ArrayList<>();
        Directory.Builder root = Directory.builder();
        for (int m = 0; m < MIDDLES; m++) {
            Directory.Builder middle = Directory.builder();
            for (int l = 0; l < LEAVES_PER_MIDDLE; l++) {
                Directory leaf = Directory.builder()
                        .file("f", Blake3.hash(new byte[] {(byte) m, (byte) (l >> 8), (byte) l, (byte) salt}), 3 + salt, false)
                        .build();
                out.add(leaf);
                middle.directory(String.format("l%04d", l), leaf);
            }
            Directory mid = middle.build();
            out.add(mid);
            root.directory(String.format("m%03d", m), mid);
        }
        out.add(root.build());
        return out;
    }
}
