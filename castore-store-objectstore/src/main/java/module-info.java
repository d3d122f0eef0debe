/**
 * The {@code objectstore} blob and directory services: FastCDC-chunked, zstd-compressed blobs and
 * directory closures in an object store (local files, memory, and S3 through the module
 * {@code dev.castore.store.objectstore.s3}, found as an {@link
 * dev.castore.store.objectstore.backend.S3Backend} when an {@code s3://} store is opened), in the
 * tvix/snix layout.
 */
module dev.castore.store.objectstore {
    requires transitive dev.castore.api;
    requires org.slf4j;
    requires com.github.luben.zstd_jni;

    exports dev.castore.store.objectstore;
    // The backend interface and S3's settings, for the S3 module (in a layer of its own, so the
    // export cannot be qualified: a qualified one reaches no module of a child layer).
    exports dev.castore.store.objectstore.backend;

    uses dev.castore.store.objectstore.backend.S3Backend;

    provides dev.castore.api.spi.ServiceBuilderProvider with dev.castore.store.objectstore.ObjectStoreProvider;
}
