package dev.castore.observability;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.telemetry.CallSpan;
import dev.castore.api.telemetry.Telemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.concurrent.Callable;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Telemetry that records into a Micrometer registry and, when tracing is on, makes OpenTelemetry
 * spans: each store instance is wrapped once with meters of its own; each gRPC call gets a span
 * (its trace context carried in W3C {@code traceparent}) and is counted and timed per method.
 */
final class RecordingTelemetry implements Telemetry {

    private static final TextMapPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();
    /** The OpenTelemetry semantic convention's attribute for a gRPC status. */
    private static final String GRPC_STATUS = "rpc.grpc.status_code";

    private final MeterRegistry registry;
    private final Tracing tracing;
    private final Optional<MetricsEndpoint> endpoint;
    private final CallMeters serverCalls;
    private final CallMeters clientCalls;

    RecordingTelemetry(MeterRegistry registry, Tracing tracing, Optional<MetricsEndpoint> endpoint) {
        this.registry = registry;
        this.tracing = tracing;
        this.endpoint = endpoint;
        this.serverCalls = CallMeters.server(registry);
        this.clientCalls = CallMeters.client(registry);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public <T> T instrument(ServiceKind<T> kind, String instance, String type, T store) {
        InstanceRecorder recorder = new InstanceRecorder(registry, tracing, kind.name(), instance, type);
        Object wrapped = switch (store) {
            case BlobService blobs -> new InstrumentedBlobService(blobs, recorder);
            case DirectoryService directories -> new InstrumentedDirectoryService(directories, recorder);
            default -> store;
        };
        return kind.type().cast(wrapped);
    }

    @Override
    public CallSpan clientCall(String method, BiConsumer<String, String> headers) {
        Span span = tracing.on()
                ? tracing.tracer().spanBuilder(method).setSpanKind(SpanKind.CLIENT).startSpan()
                : Span.getInvalid();
        if (tracing.on()) {
            PROPAGATOR.inject(Context.current().with(span), headers, (carrier, k, v) -> carrier.accept(k, v));
        }
        return new RecordedCall(span, clientCalls.start(method), GRPC_STATUS);
    }

    @Override
    public CallSpan serverCall(String method, Function<String, Optional<String>> headers) {
        Span span = Span.getInvalid();
        if (tracing.on()) {
            Context parent = PROPAGATOR.extract(Context.root(), headers, new HeaderGetter());
            span = tracing.tracer().spanBuilder(method).setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
        }
        return new RecordedCall(span, serverCalls.start(method), GRPC_STATUS);
    }

    @Override
    public CallSpan operation(String name) {
        Span span = tracing.on() ? tracing.tracer().spanBuilder(name).startSpan() : Span.getInvalid();
        return new RecordedCall(span, status -> { }, "castore.status");
    }

    @Override
    public <V> Callable<V> carry(Callable<V> task) {
        return tracing.on() ? Context.current().wrap(task) : task;
    }

    @Override
    public Optional<String> metricsAddress() {
        return endpoint.map(MetricsEndpoint::url);
    }

    @Override
    public void close() {
        endpoint.ifPresent(MetricsEndpoint::close);
        tracing.close();
        registry.close();
    }

    /** Reads headers through the function the server hands in; it cannot list them, nor needs to. */
    private static final class HeaderGetter implements TextMapGetter<Function<String, Optional<String>>> {
        @Override
        public Iterable<String> keys(Function<String, Optional<String>> carrier) {
            return List.of();
        }

        @Override
        public String get(Function<String, Optional<String>> carrier, String key) {
            return carrier == null ? null : carrier.apply(key).orElse(null);
        }
    }
}
