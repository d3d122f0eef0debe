package dev.castore.benchmarks;

import dev.castore.api.digest.Blake3;
import dev.castore.api.spi.Blake3Provider;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Single-thread BLAKE3 throughput per CPU second of the hashing thread, for a machine shared
 * with other work, where wall-clock figures mostly measure the neighbours. Hashes the
 * benchmark input of SIZE bytes ROUNDS times per implementation (after as many warm-up rounds)
 * and prints {@code name MB-per-cpu-second}, one line each. Usage: {@code Blake3CpuTime SIZE ROUNDS}.
 */
public final class Blake3CpuTime {

    private Blake3CpuTime() {}

    public static void main(String[] args) {
        int size = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        byte[] input = Blake3Inputs.content(size);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String name : new String[] {"portable", "vector", "native"}) {
            Blake3Provider provider = name.equals("native") ? Blake3Inputs.nativeOrNull() : Blake3.provider(name);
            if (provider == null) {
                continue; // its library is not loaded
            }
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 2 * rounds; i++) {
                long start = threads.getCurrentThreadCpuTime();
                provider.newHasher().update(input).digest();
                long cpu = threads.getCurrentThreadCpuTime() - start;
                if (i >= rounds) {
                    best = Math.min(best, cpu);
                }
            }
            System.out.printf("%s %.0f%n", name, size * 1e3 / best);
        }
    }
}
