package dev.castore.api.spi;

import java.util.List;

/**
 * The one interface a store module implements: it lists the store types the module contributes.
 * Declare it in {@code module-info.java} and nothing else is needed:
 *
 * <pre>{@code
 * module com.example.castore.mystore {
 *     requires dev.castore.api;
 *     exports com.example.mystore;            // the config records
 *     provides dev.castore.api.spi.ServiceBuilderProvider with com.example.mystore.MyProvider;
 * }
 * }</pre>
 *
 * Two providers registering the same kind and type tag are a startup error naming both modules.
 */
public interface ServiceBuilderProvider {

    /** The store types of this provider. */
    List<Registration<?>> registrations();
}
