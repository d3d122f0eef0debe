/**
 * The {@code objectstore} blob and directory services: FastCDC-chunked, zstd-compressed blobs and
 * directory closures in an object store (local files, memory, and S3 through the module
 * {@code dev.castore.store.objectstore.s3}, found as an {@link
 * dev.castore.store.objectstore.spi.S3Backend} when an {@code s3://} store is opened), in the
 * tvix/snix layout.
 */
module dev.castore.store.objectstore {
    requires transitive dev.castore.api;
    requires org.slf4j;
    requires com.github.luben.zstd_jni;

    exports dev.castore.store.objectstore;
    // What an object store client implements (the S3 module's, in a layer of its own: a qualified
    // export reaches no module of a child layer, so this one is to all). The stores castore
    // carries itself (files, memory) and the reading of URLs stay in the unexported backend.
    exports dev.castore.store.objectstore.spi;

    uses dev.castore.store.objectstore.spi.S3Backend;

    provides dev.castore.api.spi.ServiceBuilderProvider with dev.castore.store.objectstore.ObjectStoreProvider;
}
