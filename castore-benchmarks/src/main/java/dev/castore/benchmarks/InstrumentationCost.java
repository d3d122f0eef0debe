package dev.castore.benchmarks;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.observability.ObservabilityProvider;
import dev.castore.store.memory.MemoryBlobService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The cost of the composition's instrumentation on the blob put path, for a machine shared with
 * other work: the same puts into {@code memory://} as {@link InstrumentedPutBenchmark}, plain, with
 * metrics and traced, measured in CPU time of the putting thread, round after round with the three
 * side by side (their order rotating), so that the neighbours' load drifts over all three alike.
 * Prints per variant the median CPU ns per put and the median of its per-round ratio to plain.
 * Usage: {@code InstrumentationCost SIZE ROUNDS PUTS-PER-ROUND}.
 */
public final class InstrumentationCost {

    private InstrumentationCost() {}

    public static void main(String[] args) throws IOException {
        int size = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int puts = Integer.parseInt(args[2]);
        byte[] blob = new byte[size];
        new Random(42).nextBytes(blob);
        String[] names = {"plain", "metrics", "traced"};
        BlobService memory = new MemoryBlobService();
        DroppedSpans ended = new DroppedSpans();
        Telemetry metrics = ObservabilityProvider.into(ObservabilityProvider.prometheusRegistry(),
                Optional.empty(), "benchmark");
        Telemetry traced = ObservabilityProvider.into(ObservabilityProvider.prometheusRegistry(),
                Optional.of(ended), "benchmark");
        BlobService[] stores = {memory, metrics.instrument(ServiceKind.BLOB, "root", "memory", memory),
                traced.instrument(ServiceKind.BLOB, "root", "memory", memory)};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<double[]> perRound = new ArrayList<>();
        for (int r = -rounds / 2; r < rounds; r++) { // the first rounds warm up
            double[] ns = new double[3];
            for (int k = 0; k < 3; k++) {
                int v = Math.floorMod(r + k, 3);
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < puts; i++) {
                    put(stores[v], blob);
                }
                ns[v] = (threads.getCurrentThreadCpuTime() - start) / (double) puts;
            }
            if (r >= 0) {
                perRound.add(ns);
            }
        }
        for (int v = 0; v < 3; v++) {
            int variant = v;
            double ns = median(perRound.stream().mapToDouble(a -> a[variant]).toArray());
            double ratio = median(perRound.stream().mapToDouble(a -> a[variant] / a[0]).toArray());
            System.out.printf("%-8s size %7d  %10.0f cpu-ns/put  %6.3f x plain%n", names[v], size, ns, ratio);
        }
        System.out.printf("spans ended: %d%n", ended.count());
        metrics.close();
        traced.close();
    }

    private static void put(BlobService store, byte[] blob) throws IOException {
        try (BlobWriter w = store.openWriter()) {
            w.write(blob, 0, blob.length);
            w.commit();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
