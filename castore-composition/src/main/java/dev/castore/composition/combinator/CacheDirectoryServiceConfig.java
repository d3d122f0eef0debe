package dev.castore.composition.combinator;

import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import java.io.IOException;
import java.util.List;

/**
 * Config of a {@code cache} directory service: {@code near} caches what is read from {@code far};
 * {@code write_through} (default false, as tvix/snix) writes to far and near instead of refusing.
 */
public record CacheDirectoryServiceConfig(String near, String far, Boolean writeThrough)
        implements ServiceBuilder<DirectoryService> {

    /** A cache that refuses writes. */
    public CacheDirectoryServiceConfig(String near, String far) {
        this(near, far, false);
    }

    public CacheDirectoryServiceConfig {
        near = Children.required("near", near, "the directory service that caches");
        far = Children.required("far", far, "the directory service that is cached");
        if (writeThrough == null) {
            writeThrough = false;
        }
    }

    @Override
    public DirectoryService build(String instanceName, CompositionContext context) throws IOException {
        Children<DirectoryService> c = Children.resolve(context, ServiceKind.DIRECTORY, near, far);
        return new CacheDirectoryService(c.near(), c.far(), writeThrough);
    }

    @Override
    public List<ServiceReference> references() {
        return List.of(new ServiceReference(ServiceKind.DIRECTORY, near, "near"),
                new ServiceReference(ServiceKind.DIRECTORY, far, "far"));
    }

    /** A read that misses near copies the closure into near. */
    @Override
    public boolean writesWhenRead() {
        return true;
    }
}
