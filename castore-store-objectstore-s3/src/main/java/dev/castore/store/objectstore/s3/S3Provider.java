package dev.castore.store.objectstore.s3;

import dev.castore.store.objectstore.spi.ObjectStore;
import dev.castore.store.objectstore.spi.S3Backend;
import dev.castore.store.objectstore.spi.S3Options;

/** Opens {@link S3ObjectStore}s for the objectstore module ({@link S3Backend#find}). */
public final class S3Provider implements S3Backend {

    /** Called by {@link java.util.ServiceLoader}. */
    public S3Provider() {}

    @Override
    public ObjectStore open(String bucket, String prefix, S3Options options) {
        return new S3ObjectStore(bucket, prefix, options);
    }
}
