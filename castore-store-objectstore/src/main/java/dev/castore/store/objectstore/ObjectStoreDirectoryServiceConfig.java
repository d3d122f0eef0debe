package dev.castore.store.objectstore;

import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.objectstore.directory.ObjectStoreDirectoryService;
import java.io.IOException;
import java.util.Map;

/**
 * Config of a directory service of type {@code objectstore}: directory closures in an object
 * store, in the tvix/snix layout. Only roots of uploaded closures can be looked up. The URL and
 * options are read into typed settings once, here; building opens those.
 *
 * @param objectStoreUrl {@code s3://bucket[/prefix]}, {@code file:///absolute/path} or
 *     {@code memory:///} (required)
 * @param objectStoreOptions options of the store, e.g. S3 credentials, region and endpoint
 *     (default empty)
 */
public record ObjectStoreDirectoryServiceConfig(ObjectStoreLocation objectStoreUrl, Map<String, String> objectStoreOptions)
        implements ServiceBuilder<DirectoryService> {

    public ObjectStoreDirectoryServiceConfig {
        objectStoreOptions = objectStoreOptions == null ? Map.of() : Map.copyOf(objectStoreOptions);
        objectStoreUrl = ObjectStoreLocation.required(objectStoreUrl).withOptions(objectStoreOptions);
    }

    /** The config of {@code objectStoreUrl} as a config file gives it. */
    public ObjectStoreDirectoryServiceConfig(String objectStoreUrl, Map<String, String> objectStoreOptions) {
        this(objectStoreUrl == null ? null : ObjectStoreLocation.valueOf(objectStoreUrl), objectStoreOptions);
    }

    /** The config for {@code objectstore+<url>}, as for blob services. */
    public static ObjectStoreDirectoryServiceConfig fromUrl(ServiceUrl url) {
        return new ObjectStoreDirectoryServiceConfig(ObjectStoreLocation.fromUrlForm(url), url.query());
    }

    @Override
    public DirectoryService build(String instanceName, CompositionContext context) throws IOException {
        return new ObjectStoreDirectoryService(objectStoreUrl.open(context));
    }
}
