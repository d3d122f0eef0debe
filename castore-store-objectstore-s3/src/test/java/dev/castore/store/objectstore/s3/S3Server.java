package dev.castore.store.objectstore.s3;


/** An S3 server on loopback that the S3 suites run against (s3proxy, S3Mock). */
interface S3Server extends AutoCloseable {

    /** A new, empty store of this server, with its keys below {@code prefix} (may be empty). */
    S3ObjectStore newStore(String prefix);
}
