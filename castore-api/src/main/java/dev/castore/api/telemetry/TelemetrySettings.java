package dev.castore.api.telemetry;

import java.util.Objects;
import java.util.Optional;

/**
 * What a process asks of its telemetry.
 *
 * @param serviceName the name traces and metrics are reported under ({@code castore daemon})
 * @param metricsListen where to serve Prometheus metrics ({@code HOST:PORT}; port 0 picks one), if at all
 * @param otlpEndpoint where to export traces by OTLP ({@code http://collector:4318}), if at all
 */
public record TelemetrySettings(String serviceName, Optional<String> metricsListen, Optional<String> otlpEndpoint) {

    public TelemetrySettings {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(metricsListen, "metricsListen");
        Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
    }

    /** Whether anything is to be recorded at all. */
    public boolean enabled() {
        return metricsListen.isPresent() || otlpEndpoint.isPresent();
    }
}
