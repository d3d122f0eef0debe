package dev.castore.store.bigtable;

import java.util.Map;
import java.util.Optional;

/**
 * Where a Bigtable emulator listens: {@code host:port}, the form of {@code BIGTABLE_EMULATOR_HOST}.
 * The Java client reaches an emulator over TCP only, so {@code unix://} sockets are refused.
 */
record EmulatorAddress(String host, int port) {

    /** The environment variable the Bigtable client libraries and tvix/snix honour. */
    static final String ENVIRONMENT_VARIABLE = "BIGTABLE_EMULATOR_HOST";

    /**
     * The emulator of {@code config}, else the one named by {@code BIGTABLE_EMULATOR_HOST} in
     * {@code environment}, else none.
     */
    static Optional<EmulatorAddress> of(BigtableDirectoryServiceConfig config, Map<String, String> environment) {
        if (!config.emulatorHost().isEmpty()) {
            return Optional.of(parse("emulator_host", config.emulatorHost()));
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse(ENVIRONMENT_VARIABLE, fromEnvironment.strip()));
    }

    /** Parses {@code host:port}; {@code source} names where the value came from, for the message. */
    static EmulatorAddress parse(String source, String value) {
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = -1;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (host.isEmpty() || host.contains("/") || port < 1 || port > 65535) {
            throw new IllegalArgumentException(source + " must be host:port of a Bigtable emulator, such as "
                    + "localhost:8086, got '" + value + "'" + (value.startsWith("unix:")
                            ? " (the Java client cannot reach an emulator on a unix socket; start it with -port)"
                            : ""));
        }
        return new EmulatorAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
