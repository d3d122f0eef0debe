package dev.castore.store.objectstore.s3;

/** The directory contract on S3, against S3Mock, a second S3 implementation, on loopback. */
class S3MockDirectoryServiceTest extends S3DirectoryServiceSuite {

    @Override
    protected S3Server startServer() throws Exception {
        return new S3MockServer();
    }
}
