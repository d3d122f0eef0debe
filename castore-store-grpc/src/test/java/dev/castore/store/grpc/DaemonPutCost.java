package dev.castore.store.grpc;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.store.grpc.client.ClientSettings;
import dev.castore.store.grpc.client.GrpcBlobService;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * What a running daemon's metrics cost on the blob put path, for a machine shared with other work:
 * sequential puts of one blob over gRPC on loopback to two daemons, {@code reference} and {@code
 * measured} (the same but for {@code --metrics-listen}), in rounds that alternate which goes first,
 * the first rounds a warm-up. Per daemon it prints the median over rounds of the client's wall time
 * per put and the daemon's CPU time per put (all its threads, from {@code /proc}), and the median
 * of the per-round ratios measured / reference. benchmarks/metrics-cost.sh starts the daemons.
 * Usage: {@code DaemonPutCost REFERENCE-URL REFERENCE-PID MEASURED-URL MEASURED-PID SIZE ROUNDS PUTS}.
 */
public final class DaemonPutCost {

    private DaemonPutCost() {}

    /** A daemon under load: its client and its process id. */
    private record Daemon(BlobService blobs, long pid) {
        /**
         * The time its threads have run, in ns ({@code /proc/PID/task/TID/schedstat}; the process's
         * own total counts in clock ticks of 10 ms, too coarse for a round).
         */
        long cpuNanos() throws IOException {
            long total = 0;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks) {
                    try {
                        String stat = Files.readString(task.resolve("schedstat"));
                        total += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
                    } catch (NoSuchFileException e) {
                        // the thread ended meanwhile
                    }
                }
            }
            return total;
        }
    }

    public static void main(String[] args) throws Exception {
        Daemon[] daemons = {daemon(args[0], args[1]), daemon(args[2], args[3])};
        int size = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        int puts = Integer.parseInt(args[6]);
        byte[] blob = new byte[size];
        new Random(size).nextBytes(blob);
        List<double[]> wall = new ArrayList<>();
        List<double[]> cpu = new ArrayList<>();
        // Half as many rounds again warm up: under load the JIT takes long to compile the hashing.
        for (int r = -Math.max(4, rounds / 2); r < rounds; r++) {
            double[] w = new double[2];
            double[] c = new double[2];
            for (int k = 0; k < 2; k++) {
                int d = Math.floorMod(r + k, 2);
                long cpu0 = daemons[d].cpuNanos();
                long t0 = System.nanoTime();
                for (int i = 0; i < puts; i++) {
                    put(daemons[d].blobs(), blob);
                }
                w[d] = (System.nanoTime() - t0) / (double) puts;
                c[d] = (daemons[d].cpuNanos() - cpu0) / (double) puts;
            }
            if (r >= 0) {
                wall.add(w);
                cpu.add(c);
            }
        }
        String[] names = {"reference", "measured"};
        for (int d = 0; d < 2; d++) {
            System.out.printf("%-9s size %6d  wall %8.1f us/put (%.3f x reference)  daemon cpu %8.1f us/put (%.3f x reference)%n",
                    names[d], size, median(wall, d) / 1e3, medianRatio(wall, d), median(cpu, d) / 1e3, medianRatio(cpu, d));
        }
        for (Daemon daemon : daemons) {
            daemon.blobs().close();
        }
    }

    private static Daemon daemon(String url, String pid) throws IOException {
        return new Daemon(GrpcBlobService.connect(ClientSettings.of(url, "snix")), Long.parseLong(pid));
    }

    private static void put(BlobService blobs, byte[] blob) throws IOException {
        try (BlobWriter w = blobs.openWriter()) {
            w.write(blob, 0, blob.length);
            w.commit();
        }
    }

    private static double median(List<double[]> rounds, int d) {
        return median(rounds.stream().mapToDouble(a -> a[d]).toArray());
    }

    private static double medianRatio(List<double[]> rounds, int d) {
        return median(rounds.stream().mapToDouble(a -> a[d] / a[0]).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
