package dev.castore.api.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * One store type contributed by a provider: its kind, its type tag (the {@code "type"} field of a
 * config, and the URL scheme up to the first {@code +}), the record its configs deserialize into,
 * and optionally how to read it from a URL.
 *
 * @param <T> the service interface
 */
public record Registration<T>(
        ServiceKind<T> kind, String type, Class<? extends ServiceBuilder<T>> configType, Optional<UrlParser<T>> urlParser) {

    public Registration {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(configType, "configType");
        Objects.requireNonNull(urlParser, "urlParser");
        if (!type.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("invalid type tag '" + type + "': use lower-case letters, digits, '_' and '-'");
        }
    }

    /** A registration without a URL form. */
    public static <T> Registration<T> of(ServiceKind<T> kind, String type, Class<? extends ServiceBuilder<T>> configType) {
        return new Registration<>(kind, type, configType, Optional.empty());
    }

    /** A registration with a URL form. */
    public static <T> Registration<T> of(
            ServiceKind<T> kind, String type, Class<? extends ServiceBuilder<T>> configType, UrlParser<T> urlParser) {
        return new Registration<>(kind, type, configType, Optional.of(urlParser));
    }
}
