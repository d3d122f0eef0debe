package dev.castore.api.telemetry;

import java.io.IOException;

/**
 * Starts the telemetry of a process: found with {@link java.util.ServiceLoader} (the
 * observability plugin provides one). Without a provider, or when
 * {@link TelemetrySettings#enabled()} is false, the process uses {@link Telemetry#none()}.
 */
public interface TelemetryProvider {

    /**
     * Starts metrics and tracing as {@code settings} say (an HTTP endpoint for metrics is
     * listening when this returns).
     *
     * @throws IOException when the metrics address cannot be bound
     * @throws IllegalArgumentException when an address is malformed, naming what is accepted
     */
    Telemetry start(TelemetrySettings settings) throws IOException;
}
