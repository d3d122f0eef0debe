/**
 * The S3 client of the {@code objectstore} stores, on the AWS SDK v2 with the JDK's HTTP client:
 * what {@code objectstore+s3://} URLs open. Kept apart from the objectstore module so that stores
 * on files and memory start without the SDK; the image keeps it in the objectstore plugin's
 * extension {@code s3} (plugins/objectstore/s3/).
 */
module dev.castore.store.objectstore.s3 {
    requires dev.castore.store.objectstore;
    requires org.slf4j;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.awscore;

    provides dev.castore.store.objectstore.spi.S3Backend with dev.castore.store.objectstore.s3.S3Provider;
}
