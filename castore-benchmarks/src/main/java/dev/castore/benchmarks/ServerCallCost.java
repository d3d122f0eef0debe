package dev.castore.benchmarks;

import dev.castore.api.telemetry.CallSpan;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.observability.ObservabilityProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the daemon's gRPC interceptor records per call, without the call: {@code serverCall},
 * {@code enter} and {@code end("OK")} into the registry that {@code --metrics-listen} serves,
 * in CPU time of the calling thread. Prints the median over rounds (after as many warm-up rounds)
 * of the CPU ns per call. Usage: {@code ServerCallCost ROUNDS CALLS-PER-ROUND}.
 */
public final class ServerCallCost {

    private static final String METHOD = "snix.castore.v1.BlobService/Put";

    private ServerCallCost() {}

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] ns = new double[rounds];
        try (Telemetry telemetry = ObservabilityProvider.into(ObservabilityProvider.prometheusRegistry(),
                Optional.empty(), "benchmark")) {
            for (int r = -rounds; r < rounds; r++) { // the first rounds warm up
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    CallSpan call = telemetry.serverCall(METHOD, header -> Optional.empty());
                    try (CallSpan.Scope ignored = call.enter()) {
                        call.end("OK");
                    }
                }
                if (r >= 0) {
                    ns[r] = (threads.getCurrentThreadCpuTime() - start) / (double) calls;
                }
            }
        }
        Arrays.sort(ns);
        System.out.printf("server call metered: %.0f cpu-ns/call (median of %d rounds of %d)%n", ns[rounds / 2], rounds, calls);
    }
}
