package dev.castore.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether spans are made, and by which tracer. {@link #off()} makes none: the instrumented stores
 * then skip spans entirely instead of making no-op ones.
 */
final class Tracing implements AutoCloseable {

    private static final String SCOPE = "dev.castore";
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private final Optional<SdkTracerProvider> provider;
    private final Tracer tracer;

    private Tracing(Optional<SdkTracerProvider> provider) {
        this.provider = provider;
        this.tracer = provider.<TracerProvider>map(p -> p).orElse(TracerProvider.noop()).get(SCOPE);
    }

    static Tracing off() {
        return new Tracing(Optional.empty());
    }

    /** Spans handed to {@code processor} (a test's in-memory exporter, OTLP in the daemon). */
    static Tracing to(SpanProcessor processor, String serviceName) {
        return new Tracing(Optional.of(SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName))))
                .addSpanProcessor(processor)
                .build()));
    }

    /**
     * Spans exported in batches by OTLP over HTTP (protobuf) to {@code endpoint}, the collector's
     * base URL as {@code OTEL_EXPORTER_OTLP_ENDPOINT} gives it ({@code http://collector:4318}).
     */
    static Tracing otlp(String endpoint, String serviceName) {
        URI base;
        try {
            base = URI.create(Objects.requireNonNull(endpoint));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid OTLP endpoint '" + endpoint + "': " + e.getMessage(), e);
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("invalid OTLP endpoint '" + endpoint
                    + "': expected the collector's http:// or https:// URL, such as http://127.0.0.1:4318");
        }
        String traces = endpoint.replaceAll("/+$", "") + "/v1/traces";
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(traces).build();
        return to(BatchSpanProcessor.builder(exporter).build(), serviceName);
    }

    boolean on() {
        return provider.isPresent();
    }

    Tracer tracer() {
        return tracer;
    }

    /** Exports what is pending (for at most 5 s) and stops. */
    @Override
    public void close() {
        provider.ifPresent(p -> p.shutdown().join(5, TimeUnit.SECONDS));
    }
}
