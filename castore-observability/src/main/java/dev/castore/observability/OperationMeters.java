package dev.castore.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One operation of one store instance ({@code put} of blob instance {@code root}): its counters
 * of successes and of failures, which count every call, its latency timers by outcome, which
 * record the calls its {@link LatencySampler} chose to time, and its span name. Each meter is
 * registered when first recorded. A wrapper holds one per operation, so that recording a call
 * looks nothing up.
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

    /** Marks an operation that is not timed; {@link System#nanoTime} never returns it in practice. */
    static final long UNTIMED = Long.MIN_VALUE;

    private final MeterRegistry registry;
    private final Tags tags;
    private final Tracing tracing;
    private final String spanName;
    private final Attributes attributes;
    private final LatencySampler sampler = new LatencySampler();
    // Set on first use without a lock: registering the same name and tags again returns the same meter.
    private volatile Counter succeeded;
    private volatile Counter failed;
    private volatile Timer succeededLatency;
    private volatile Timer failedLatency;

    OperationMeters(MeterRegistry registry, Tags tags, Tracing tracing, String spanName, Attributes attributes) {
        this.registry = registry;
        this.tags = tags;
        this.tracing = tracing;
        this.spanName = spanName;
        this.attributes = attributes;
    }

    /** Starts the operation now: its span (when tracing) and, when the sampler chooses, its clock. */
    Operation begin() {
        return new Operation(this, startSpan(), startClock());
    }

    /** The span of an operation starting now, or the invalid span when not tracing. */
    Span startSpan() {
        return tracing.on()
                ? tracing.tracer().spanBuilder(spanName).setAllAttributes(attributes).startSpan()
                : Span.getInvalid();
    }

    /** The start time of an operation starting now, or {@link #UNTIMED} when the sampler leaves it untimed. */
    long startClock() {
        return sampler.timesNext() ? System.nanoTime() : UNTIMED;
    }

    /** Runs {@code call} as this operation: counted, timed when sampled, traced, and a failure when it throws. */
    <T> T run(StoreCall<T> call) throws IOException {
        Operation op = begin();
        T result = op.call(call);
        op.succeed();
        return result;
    }

    /** {@link #run(StoreCall)} for a call that returns nothing. */
    void run(StoreAction action) throws IOException {
        Operation op = begin();
        op.run(action);
        op.succeed();
    }

    /** Counts an operation that began at {@code start} and ended now, and times it unless {@link #UNTIMED}. */
    void end(boolean success, long start) {
        Counter counter = success ? succeeded : failed;
        if (counter == null) {
            counter = register(success);
        }
        counter.increment();
        if (start != UNTIMED) {
            long nanos = System.nanoTime() - start;
            (success ? succeededLatency : failedLatency).record(nanos, TimeUnit.NANOSECONDS);
            sampler.timed(nanos);
        }
    }

    /** The counter of {@code success}, and the timer next to it, registered once. */
    private Counter register(boolean success) {
        String outcome = success ? "ok" : "error";
        Timer timer = Timer.builder("castore.store.latency")
                .description("Latency of the store operations timed (all of a slow instance's, 1 in "
                        + LatencySampler.ONE_IN + " of a fast one's) by instance, operation and outcome")
                .tags(tags).tag("outcome", outcome)
                .serviceLevelObjectives(LatencyBuckets.BOUNDS)
                .register(registry);
        Counter counter = Counter.builder("castore.store.operations")
                .description("Store operations by instance, operation and outcome")
                .tags(tags).tag("outcome", outcome)
                .register(registry);
        if (success) {
            succeededLatency = timer;
            succeeded = counter;
        } else {
            failedLatency = timer;
            failed = counter;
        }
        return counter;
    }
}
