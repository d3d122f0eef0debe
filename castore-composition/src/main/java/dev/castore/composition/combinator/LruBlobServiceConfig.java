package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobDeletion;
import dev.castore.api.blob.BlobService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import java.io.IOException;
import java.util.List;

/**
 * Config of an {@code lru} blob service: {@code near} keeps at most {@code max_bytes} of the
 * blobs read from {@code far}, evicting the least recently used. Near must be able to delete
 * ({@link BlobService#deletion()}: memory, objectstore, rocksdb); building fails otherwise. What
 * near already holds is counted at open from its {@link BlobService#listing()} when it has one.
 */
public record LruBlobServiceConfig(String near, String far, Long maxBytes) implements ServiceBuilder<BlobService> {

    public LruBlobServiceConfig {
        near = Children.required("near", near, "the blob service that keeps copies, e.g. memory://");
        far = Children.required("far", far, "the blob service that holds every blob");
        if (maxBytes == null || maxBytes <= 0) {
            throw new IllegalArgumentException("max_bytes is required: how many bytes of blobs near may keep (> 0)");
        }
    }

    @Override
    public BlobService build(String instanceName, CompositionContext context) throws IOException {
        Children<BlobService> c = Children.resolve(context, ServiceKind.BLOB, near, far);
        BlobDeletion deletion = c.near().deletion().orElseThrow(() -> new CompositionException("blob service '"
                + instanceName + "' (type lru): its near store '" + near + "' cannot delete blobs, which eviction "
                + "needs; use a memory, objectstore or rocksdb store"));
        return new LruBlobService(instanceName, c.near(), deletion, c.far(), maxBytes);
    }

    /** A read of a blob near lacks copies it into near, and may evict from near to make room. */
    @Override
    public boolean writesWhenRead() {
        return true;
    }

    @Override
    public List<ServiceReference> references() {
        return List.of(new ServiceReference(ServiceKind.BLOB, near, "near"), new ServiceReference(ServiceKind.BLOB, far, "far"));
    }
}
