package dev.castore.store.grpc;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.store.grpc.client.ClientSettings;
import dev.castore.store.grpc.client.GrpcBlobService;
import dev.castore.store.grpc.client.GrpcDirectoryService;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Running daemons over gRPC, side by side: for each {@code LABEL=URL} argument, GrpcBenchmark's
 * blob put and read (256 MiB) and closure put and recursive get (100,001 directories), then many
 * clients at once: 8 threads each putting 250 distinct blobs of 4 KiB (every put durable when it
 * returns) and reading them back. benchmarks/daemon.sh starts the daemons from the image.
 */
public final class DaemonBenchmark {

    private static final int CLIENTS = 8;
    private static final int BLOBS_PER_CLIENT = 250;

    private DaemonBenchmark() {}

    public static void main(String[] args) throws Exception {
        for (int round = 1; round <= 2; round++) {
            System.out.println("-- round " + round + (round == 1 ? " (warm-up)" : ""));
            for (String arg : args) {
                String label = arg.substring(0, arg.indexOf('='));
                ClientSettings settings = ClientSettings.of(arg.substring(arg.indexOf('=') + 1), "snix");
                GrpcBenchmark.blobs(label, GrpcBlobService.connect(settings), round);
                try (DirectoryService directories = GrpcDirectoryService.connect(settings)) {
                    GrpcBenchmark.directories(label, directories, GrpcBenchmark.closure(round));
                }
                try (BlobService blobs = GrpcBlobService.connect(settings)) {
                    concurrent(label, blobs, round);
                }
            }
        }
    }

    private static void concurrent(String label, BlobService blobs, int round) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            long t0 = System.nanoTime();
            List<Future<List<B3Digest>>> puts = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                puts.add(pool.submit(() -> {
                    List<B3Digest> out = new ArrayList<>();
                    for (int i = 0; i < BLOBS_PER_CLIENT; i++) {
                        byte[] data = new byte[4096];
                        ByteBuffer.wrap(data).putLong(System.nanoTime()).putInt(round).putInt(client).putInt(i);
                        try (BlobWriter w = blobs.openWriter()) {
                            w.write(data, 0, data.length);
                            out.add(w.commit());
                        }
                    }
                    return out;
                }));
            }
            List<List<B3Digest>> written = new ArrayList<>();
            for (Future<List<B3Digest>> f : puts) {
                written.add(f.get());
            }
            long t1 = System.nanoTime();
            List<Future<Long>> reads = new ArrayList<>();
            for (List<B3Digest> mine : written) {
                reads.add(pool.submit(() -> {
                    long n = 0;
                    for (B3Digest d : mine) {
                        try (BlobReader r = blobs.open(d).orElseThrow()) {
                            n += r.read(ByteBuffer.allocate(8192));
                        }
                    }
                    return n;
                }));
            }
            for (Future<Long> f : reads) {
                f.get();
            }
            long t2 = System.nanoTime();
            int total = CLIENTS * BLOBS_PER_CLIENT;
            System.out.printf("%-34s %d clients: durable 4 KiB puts %7.0f /s   reads %7.0f /s%n", label, CLIENTS,
                    total / ((t1 - t0) / 1e9), total / ((t2 - t1) / 1e9));
        } finally {
            pool.shutdownNow();
        }
    }
}
