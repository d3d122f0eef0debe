package dev.castore.store.objectstore;

import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.objectstore.backend.ObjectStores;
import dev.castore.store.objectstore.directory.ObjectStoreDirectoryService;
import java.util.Map;

/**
 * Config of a directory service of type {@code objectstore}: directory closures in an object
 * store, in the tvix/snix layout. Only roots of uploaded closures can be looked up.
 *
 * @param objectStoreUrl {@code s3://bucket[/prefix]}, {@code file:///absolute/path} or
 *     {@code memory:///} (required)
 * @param objectStoreOptions options of the store, e.g. S3 credentials, region and endpoint
 *     (default empty)
 */
public record ObjectStoreDirectoryServiceConfig(String objectStoreUrl, Map<String, String> objectStoreOptions)
        implements ServiceBuilder<DirectoryService> {

    public ObjectStoreDirectoryServiceConfig {
        if (objectStoreUrl == null || objectStoreUrl.isBlank()) {
            throw new IllegalArgumentException("object_store_url is required, e.g. s3://bucket/prefix, "
                    + "file:///var/lib/castore or memory:///");
        }
        objectStoreOptions = objectStoreOptions == null ? Map.of() : Map.copyOf(objectStoreOptions);
        ObjectStores.check(objectStoreUrl, objectStoreOptions);
    }

    /** The config for {@code objectstore+<url>}, as for blob services. */
    public static ObjectStoreDirectoryServiceConfig fromUrl(ServiceUrl url) {
        return new ObjectStoreDirectoryServiceConfig(ObjectStoreUrls.storeUrl(url), url.query());
    }

    @Override
    public DirectoryService build(String instanceName, CompositionContext context) {
        return new ObjectStoreDirectoryService(ObjectStores.open(objectStoreUrl, objectStoreOptions));
    }
}
