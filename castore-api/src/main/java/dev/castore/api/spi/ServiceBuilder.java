package dev.castore.api.spi;

import java.io.IOException;
import java.util.List;

/**
 * A deserialized instance config that knows how to build its service. Config types are records
 * (public, in an exported package) whose components are the config's fields in camelCase
 * ({@code objectStoreUrl} for {@code object_store_url}); a compact constructor fills defaults and
 * rejects missing required fields with an {@link IllegalArgumentException} naming the field.
 *
 * @param <T> the service interface built
 */
public interface ServiceBuilder<T> {

    /**
     * Builds the service. Other instances this one refers to are resolved through
     * {@code context}, by name (or by URL).
     *
     * @param instanceName the name of the instance being built ({@code anonymous} for URLs)
     */
    T build(String instanceName, CompositionContext context) throws IOException;

    /** The instances this config refers to, so a composition can be checked without building it. */
    default List<ServiceReference> references() {
        return List.of();
    }

    /**
     * Whether the service writes into the instances it refers to when it is only read (a cache
     * that copies what it fetched into its near side): they are then built for writing even when
     * this one is built {@link Access#READ_ONLY}. False unless overridden.
     */
    default boolean writesWhenRead() {
        return false;
    }
}
