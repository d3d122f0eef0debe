package dev.castore.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one store instance records: per operation and outcome ({@code ok}, {@code error}) a count
 * of every call ({@code castore_store_operations_total{kind,instance,type,operation,outcome}}) and
 * a histogram of {@link LatencyBuckets} of the calls timed ({@code castore_store_latency_seconds},
 * see {@link LatencySampler}), for blob stores the bytes read and written ({@code
 * castore_store_bytes_total{...,direction}}), and, when tracing, a span per operation named
 * {@code "blob put"}, {@code "directory get"}.
 */
final class InstanceRecorder {

    private final MeterRegistry registry;
    private final Tracing tracing;
    private final String kind;
    private final Tags tags;
    private final Attributes attributes;
    private final Map<String, OperationMeters> operations = new ConcurrentHashMap<>();

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

    /** The meters of {@code operation}; hot paths keep them rather than ask each time. */
    OperationMeters operation(String operation) {
        return operations.computeIfAbsent(operation, op ->
                new OperationMeters(registry, tags.and("operation", op), tracing, kind + " " + op, attributes));
    }

    /** Runs {@code call} as {@code operation}: counted, timed when sampled, traced, and a failure when it throws. */
    <T> T run(String operation, OperationMeters.StoreCall<T> call) throws IOException {
        return operation(operation).run(call);
    }

    /** {@link #run(String, OperationMeters.StoreCall)} for a call that returns nothing. */
    void run(String operation, OperationMeters.StoreAction action) throws IOException {
        operation(operation).run(action);
    }
}
