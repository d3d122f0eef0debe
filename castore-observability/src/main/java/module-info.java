/**
 * Metrics and traces of every store instance a composition builds and of every gRPC call: a
 * {@link dev.castore.api.telemetry.TelemetryProvider}. Metrics go through Micrometer to a
 * Prometheus registry served as text on an HTTP endpoint; traces through the OpenTelemetry SDK,
 * exported by OTLP over HTTP. Its libraries are automatic modules, so it ships as a plugin, not
 * in the jlinked image.
 *
 * @provides dev.castore.api.telemetry.TelemetryProvider
 */
module dev.castore.observability {
    requires dev.castore.api;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires io.prometheus.metrics.model;
    requires io.opentelemetry.api;
    requires io.opentelemetry.context;
    requires io.opentelemetry.sdk;
    requires io.opentelemetry.sdk.common;
    requires io.opentelemetry.sdk.trace;
    requires io.opentelemetry.exporter.otlp;
    requires jdk.httpserver;
    requires org.slf4j;

    exports dev.castore.observability;

    provides dev.castore.api.telemetry.TelemetryProvider with dev.castore.observability.ObservabilityProvider;
}
