package dev.castore.observability;

import dev.castore.api.telemetry.Telemetry;
import dev.castore.api.telemetry.TelemetryProvider;
import dev.castore.api.telemetry.TelemetrySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.io.IOException;
import java.util.Optional;

/**
 * Starts metrics (a Prometheus registry served at {@code http://HOST:PORT/metrics}) and tracing
 * (OTLP over HTTP) as the settings ask; what is not asked for costs nothing beyond a branch.
 */
public final class ObservabilityProvider implements TelemetryProvider {

    @Override
    public Telemetry start(TelemetrySettings settings) throws IOException {
        if (!settings.enabled()) {
            return Telemetry.none();
        }
        MeterRegistry registry;
        Optional<MetricsEndpoint> endpoint = Optional.empty();
        if (settings.metricsListen().isPresent()) {
            PrometheusMeterRegistry prometheus = prometheusRegistry();
            endpoint = Optional.of(MetricsEndpoint.start(settings.metricsListen().get(), prometheus));
            registry = prometheus;
        } else {
            // No registry behind it: every meter is a no-op.
            registry = new CompositeMeterRegistry();
        }
        Tracing tracing = settings.otlpEndpoint().isPresent()
                ? Tracing.otlp(settings.otlpEndpoint().get(), settings.serviceName())
                : Tracing.off();
        return new RecordingTelemetry(registry, tracing, endpoint);
    }

    /**
     * The registry that {@code --metrics-listen} serves: Prometheus, its wall clock read from a
     * field refreshed every 100 ms (what rotates the decaying {@code _max}; reading the system
     * clock there cost as much as the rest of a small put's metrics), no pause detection.
     */
    public static PrometheusMeterRegistry prometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(),
                CoarseWallClock.INSTANCE);
        registry.config().pauseDetector(new NoPauseDetector());
        return registry;
    }

    /**
     * Telemetry into a registry and span processor its caller owns (an application that embeds the
     * stores and has its own, a benchmark): meters into {@code registry}, spans to {@code spans}
     * when given, under {@code serviceName}; no endpoint is served and nothing is exported by
     * itself. Closing it shuts the span processor down and closes the registry.
     */
    public static Telemetry into(MeterRegistry registry, Optional<SpanProcessor> spans, String serviceName) {
        Tracing tracing = spans.map(p -> Tracing.to(p, serviceName)).orElseGet(Tracing::off);
        return new RecordingTelemetry(registry, tracing, Optional.empty());
    }
}
