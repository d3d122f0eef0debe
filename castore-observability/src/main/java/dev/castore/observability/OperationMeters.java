package dev.castore.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One operation of one store instance ({@code put} of blob instance {@code root}): its timers of
 * successes and of failures, each registered when first recorded, and its span name. A wrapper
 * holds one per operation, so that recording a call looks nothing up.
 */
final class OperationMeters {

    /** A call to the inner store that may fail with an I/O error. */
    interface StoreCall<T> {
        T call() throws IOException;
    }

    /** A call to the inner store that returns nothing and may fail with an I/O error. */
    interface StoreAction {
        void run() throws IOException;
    }

    private final MeterRegistry registry;
    private final Tags tags;
    private final Tracing tracing;
    private final String spanName;
    private final Attributes attributes;
    // Set on first use without a lock: registering the same name and tags again returns the same timer.
    private volatile Timer succeeded;
    private volatile Timer failed;

    OperationMeters(MeterRegistry registry, Tags tags, Tracing tracing, String spanName, Attributes attributes) {
        this.registry = registry;
        this.tags = tags;
        this.tracing = tracing;
        this.spanName = spanName;
        this.attributes = attributes;
    }

    /** Starts the operation now: its span (when tracing) and its clock. */
    Operation begin() {
        Span span = tracing.on()
                ? tracing.tracer().spanBuilder(spanName).setAllAttributes(attributes).startSpan()
                : Span.getInvalid();
        return new Operation(this, span, System.nanoTime());
    }

    /** Runs {@code call} as this operation: timed, traced, and counted as a failure when it throws. */
    <T> T run(StoreCall<T> call) throws IOException {
        Operation op = begin();
        T result = op.call(call);
        op.succeed();
        return result;
    }

    void record(boolean success, long nanos) {
        Timer timer = success ? succeeded : failed;
        if (timer == null) {
            timer = Timer.builder("castore.store.operations")
                    .description("Store operations by instance, operation and outcome")
                    .tags(tags).tag("outcome", success ? "ok" : "error")
                    .serviceLevelObjectives(LatencyBuckets.BOUNDS)
                    .register(registry);
            if (success) {
                succeeded = timer;
            } else {
                failed = timer;
            }
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }
}
