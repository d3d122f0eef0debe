package dev.castore.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Counts and times gRPC calls per method and status code: {@code castore_grpc_server_calls_seconds}
 * or {@code castore_grpc_client_calls_seconds}, histograms whose {@code _count} is the number of
 * calls. Each timer is registered once and then found by method and status without building its
 * name and tags again (which cost more than recording).
 */
final class CallMeters {

    private final MeterRegistry registry;
    private final String name;
    private final Map<String, Map<String, Timer>> byMethodAndStatus = new ConcurrentHashMap<>();

    private CallMeters(MeterRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
    }

    static CallMeters server(MeterRegistry registry) {
        return new CallMeters(registry, "castore.grpc.server.calls");
    }

    static CallMeters client(MeterRegistry registry) {
        return new CallMeters(registry, "castore.grpc.client.calls");
    }

    /** Starts timing a call to {@code method} now; the returned consumer takes its status when it ends. */
    Consumer<String> start(String method) {
        long start = System.nanoTime();
        Map<String, Timer> byStatus = byMethodAndStatus.computeIfAbsent(method, m -> new ConcurrentHashMap<>());
        return status -> byStatus.computeIfAbsent(status, s -> Timer.builder(name)
                        .description("gRPC calls by method and status code")
                        .tag("method", method)
                        .tag("status", s)
                        .serviceLevelObjectives(LatencyBuckets.BOUNDS)
                        .register(registry))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
