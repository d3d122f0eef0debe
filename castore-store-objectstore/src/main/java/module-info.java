/**
 * The {@code objectstore} blob and directory services: FastCDC-chunked, zstd-compressed blobs and
 * directory closures in an object store (S3 via the AWS SDK v2, local files, memory), in the
 * tvix/snix layout.
 */
module dev.castore.store.objectstore {
    requires transitive dev.castore.api;
    requires org.slf4j;
    requires com.github.luben.zstd_jni;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.awscore;

    exports dev.castore.store.objectstore;

    provides dev.castore.api.spi.ServiceBuilderProvider with dev.castore.store.objectstore.ObjectStoreProvider;
}
