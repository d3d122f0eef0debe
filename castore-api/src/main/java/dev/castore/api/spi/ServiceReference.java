package dev.castore.api.spi;

import java.util.Objects;

/**
 * A reference from one instance config to another: by name, or by URL when it contains
 * {@code ://}.
 *
 * @param kind the kind of the referenced service
 * @param name the referenced instance name, or a URL
 * @param field the config field that holds the reference (for messages)
 */
public record ServiceReference(ServiceKind<?> kind, String name, String field) {
    public ServiceReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
    }

    /** Whether {@link #name()} is a URL rather than an instance name. */
    public boolean isUrl() {
        return name.contains("://");
    }
}
