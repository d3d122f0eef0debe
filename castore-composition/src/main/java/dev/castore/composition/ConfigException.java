package dev.castore.composition;

import dev.castore.api.spi.CompositionException;

/** A config or URL that cannot be understood: unknown type or field, bad value, bad syntax. */
public class ConfigException extends CompositionException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
