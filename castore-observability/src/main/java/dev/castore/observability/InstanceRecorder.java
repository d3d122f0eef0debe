package dev.castore.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one store instance records: per operation a timer of the successes and one of the
 * failures ({@code castore_store_operations_seconds{kind,instance,type,operation,outcome}}, with a
 * histogram of {@link LatencyBuckets}), for blob stores the bytes read and written ({@code castore_store_bytes_total{...,direction}}), and,
 * when tracing, a span per operation named {@code "blob put"}, {@code "directory get"}.
 */
final class InstanceRecorder {

    /** A call to the inner store that may fail with an I/O error. */
    interface StoreCall<T> {
        T call() throws IOException;
    }

    private final MeterRegistry registry;
    private final Tracing tracing;
    private final String kind;
    private final Tags tags;
    private final Attributes attributes;
    private final Map<String, Timer> succeeded = new ConcurrentHashMap<>();
    private final Map<String, Timer> failed = new ConcurrentHashMap<>();

    InstanceRecorder(MeterRegistry registry, Tracing tracing, String kind, String instance, String type) {
        this.registry = registry;
        this.tracing = tracing;
        this.kind = kind;
        this.tags = Tags.of("kind", kind, "instance", instance, "type", type);
        this.attributes = Attributes.of(AttributeKey.stringKey("castore.instance"), instance,
                AttributeKey.stringKey("castore.type"), type);
    }

    /** The counter of blob bytes in {@code direction} ({@code read}, {@code written}) of this instance. */
    Counter bytes(String direction) {
        return Counter.builder("castore.store.bytes").description("Blob bytes read from and written to a store")
                .baseUnit("bytes").tags(tags).tag("direction", direction).register(registry);
    }

    /** Starts {@code operation} now: its span (when tracing) and its clock. */
    Operation begin(String operation) {
        Span span = tracing.on()
                ? tracing.tracer().spanBuilder(kind + " " + operation).setAllAttributes(attributes).startSpan()
                : Span.getInvalid();
        return new Operation(this, operation, span, System.nanoTime());
    }

    /** Runs {@code call} as {@code operation}: timed, traced, and counted as a failure when it throws. */
    <T> T run(String operation, StoreCall<T> call) throws IOException {
        Operation op = begin(operation);
        try (Operation.Scope ignored = op.enter()) {
            T result = call.call();
            op.succeed();
            return result;
        } catch (IOException | RuntimeException e) {
            op.fail(e);
            throw e;
        }
    }

    Timer timer(String operation, boolean success) {
        return (success ? succeeded : failed).computeIfAbsent(operation, op -> Timer.builder("castore.store.operations")
                .description("Store operations by instance, operation and outcome")
                .tags(tags).tag("operation", op).tag("outcome", success ? "ok" : "error")
                .serviceLevelObjectives(LatencyBuckets.BOUNDS)
                .register(registry));
    }
}
