package dev.castore.api.telemetry;

import dev.castore.api.spi.ServiceKind;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where a process reports what its stores and front ends do: metrics and traces. The composition
 * hands every instance it builds to {@link #instrument} once; the gRPC client and server open a
 * {@link CallSpan} per call, which carries the W3C trace context across the wire.
 *
 * <p>{@link #none()} records nothing and wraps nothing: without a telemetry provider, or with
 * nothing configured, no store is wrapped and no call is intercepted. Implementations are
 * thread-safe.
 */
public interface Telemetry extends AutoCloseable {

    /** Telemetry that records nothing; {@link #enabled()} is false, so callers can skip their hooks. */
    static Telemetry none() {
        return NoTelemetry.INSTANCE;
    }

    /** Whether anything is recorded; false lets callers leave their hooks out entirely. */
    boolean enabled();

    /**
     * {@code store}, wrapped so that its operations are counted, timed and traced under the
     * instance's name and type; {@code store} itself when nothing is recorded.
     */
    <T> T instrument(ServiceKind<T> kind, String instance, String type, T store);

    /**
     * A span for an outgoing call of {@code method} ({@code package.Service/Method}), a child of
     * the current one; {@code headers} receives the trace context to send ({@code traceparent}).
     */
    CallSpan clientCall(String method, BiConsumer<String, String> headers);

    /**
     * A span for an incoming call of {@code method}, continuing the trace that {@code headers}
     * carry (a header's value by its lower-case name), or a new one.
     */
    CallSpan serverCall(String method, Function<String, Optional<String>> headers);

    /** A span for a whole command ({@code castore import}), the parent of what it does. */
    CallSpan operation(String name);

    /**
     * {@code task}, run wherever it runs within the span that is current on the calling thread
     * now: for work handed to other threads (an import's upload pool), so that their store calls
     * join the command's trace. {@code task} itself when nothing is recorded.
     */
    default <V> Callable<V> carry(Callable<V> task) {
        return task;
    }

    /** Where metrics are served ({@code http://127.0.0.1:9464/metrics}), when they are. */
    Optional<String> metricsAddress();

    /** Flushes what is pending and stops exporting. */
    @Override
    void close();
}
