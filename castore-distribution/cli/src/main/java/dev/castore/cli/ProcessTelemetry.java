package dev.castore.cli;

import dev.castore.api.telemetry.Telemetry;
import dev.castore.api.telemetry.TelemetryProvider;
import dev.castore.api.telemetry.TelemetrySettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The telemetry of one command: nothing unless metrics or traces are asked for (a flag, or the
 * standard {@code OTEL_EXPORTER_OTLP_ENDPOINT}); then that of the observability plugin.
 */
public final class ProcessTelemetry {

    /** The standard OpenTelemetry variable naming the collector traces are exported to. */
    public static final String OTLP_ENDPOINT_ENV = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private ProcessTelemetry() {}

    /** {@code flag} when given, else {@value #OTLP_ENDPOINT_ENV} when set and not blank. */
    public static Optional<String> otlpEndpoint(Optional<String> flag, Map<String, String> env) {
        return flag.or(() -> Optional.ofNullable(env.get(OTLP_ENDPOINT_ENV)).filter(s -> !s.isBlank()));
    }

    /**
     * Starts what {@code settings} ask for; {@link Telemetry#none()} when they ask for nothing.
     *
     * @throws CliException when the observability plugin is missing or an address is unusable
     */
    public static Telemetry start(CliContext context, TelemetrySettings settings) {
        if (!settings.enabled()) {
            return Telemetry.none();
        }
        Optional<TelemetryProvider> provider;
        try {
            provider = context.plugins().telemetryProvider();
        } catch (IOException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        }
        if (provider.isEmpty()) {
            throw new CliException(CliException.USAGE, "metrics and tracing need the observability plugin, which is not"
                    + " installed (plugins directory: " + context.pluginsDirectory().map(Path::toString).orElse("none") + ")");
        }
        try {
            return provider.get().start(settings);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(CliException.FAILED, e.getMessage(), e);
        }
    }
}
