package dev.castore.store.objectstore.s3;

/** The blob contract on S3, against S3Mock, a second S3 implementation, on loopback. */
class S3MockBlobServiceTest extends S3BlobServiceSuite {

    @Override
    protected S3Server startServer() throws Exception {
        return new S3MockServer();
    }
}
