package dev.castore.store.objectstore;

import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.objectstore.backend.ObjectStoreTarget;
import dev.castore.store.objectstore.backend.ObjectStores;
import dev.castore.store.objectstore.spi.ObjectStore;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code object_store_url} of an objectstore config, read once: {@code s3://bucket[/prefix]},
 * {@code file:///absolute/path} or {@code memory:///}. A config file's string binds through
 * {@link #valueOf}, the URL form through {@link #fromUrlForm}; the config record then applies its
 * {@code object_store_options} ({@link #withOptions}), and what it builds opens the typed settings
 * read there, without parsing anything again. Equal when the URL and those settings are.
 */
public final class ObjectStoreLocation {

    private final String url;
    private final ServiceUrl parsed;
    private final Optional<ObjectStoreTarget> target;

    private ObjectStoreLocation(String url, ServiceUrl parsed, Optional<ObjectStoreTarget> target) {
        this.url = url;
        this.parsed = parsed;
        this.target = target;
    }

    /**
     * Reads an {@code object_store_url} as a config file gives it.
     *
     * @throws IllegalArgumentException naming what is wrong and what is accepted
     */
    public static ObjectStoreLocation valueOf(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(ObjectStoreLocation.REQUIRED);
        }
        return new ObjectStoreLocation(url, ObjectStores.parseUrl(url), Optional.empty());
    }

    /** The store of {@code objectstore+<store url>[?options]}: the part after {@code objectstore+}, without its query. */
    static ObjectStoreLocation fromUrlForm(ServiceUrl url) {
        if (url.innerScheme().isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' names no object store; expected objectstore+s3://bucket/prefix, "
                    + "objectstore+file:///absolute/path or objectstore+memory:///");
        }
        ServiceUrl inner = ServiceUrl.parse(url.inner());
        ObjectStores.checkShape(inner);
        return new ObjectStoreLocation(inner.withoutQuery(), inner, Optional.empty());
    }

    /** What a config without {@code object_store_url} is told. */
    static final String REQUIRED = "object_store_url is required, e.g. s3://bucket/prefix, file:///var/lib/castore or memory:///";

    /**
     * The {@code object_store_url} field of a config record, which it requires.
     *
     * @throws IllegalArgumentException saying what the field takes when {@code url} is null
     */
    static ObjectStoreLocation required(ObjectStoreLocation url) {
        if (url == null) {
            throw new IllegalArgumentException(REQUIRED);
        }
        return url;
    }

    /**
     * This location with {@code options} read into its typed settings.
     *
     * @throws IllegalArgumentException naming an option that is wrong here, and what is accepted
     */
    ObjectStoreLocation withOptions(Map<String, String> options) {
        return new ObjectStoreLocation(url, parsed, Optional.of(ObjectStores.target(parsed, options)));
    }

    /**
     * A new client of the store, from the settings read by {@link #withOptions} (no options if none
     * were given), built in {@code context}.
     */
    ObjectStore open(CompositionContext context) throws IOException {
        return target.orElseGet(() -> ObjectStores.target(parsed, Map.of())).open(context);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectStoreLocation other && url.equals(other.url) && target.equals(other.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, target);
    }

    /** The URL as given (without the URL form's query). */
    @Override
    public String toString() {
        return url;
    }
}
