package dev.castore.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Counts and times gRPC calls per method and status code: {@code castore_grpc_server_calls_seconds}
 * and {@code castore_grpc_client_calls_seconds}, histograms whose {@code _count} is the number of
 * calls. The returned consumer takes the status when the call ends.
 */
final class CallMeters {

    private CallMeters() {}

    static Consumer<String> server(MeterRegistry registry, String method) {
        return timed(registry, "castore.grpc.server.calls", method);
    }

    static Consumer<String> client(MeterRegistry registry, String method) {
        return timed(registry, "castore.grpc.client.calls", method);
    }

    private static Consumer<String> timed(MeterRegistry registry, String name, String method) {
        long start = System.nanoTime();
        return status -> Timer.builder(name)
                .description("gRPC calls by method and status code")
                .tag("method", method)
                .tag("status", status)
                .serviceLevelObjectives(LatencyBuckets.BOUNDS)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - start));
    }
}
