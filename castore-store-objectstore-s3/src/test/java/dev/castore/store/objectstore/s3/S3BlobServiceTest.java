package dev.castore.store.objectstore.s3;

/** The blob contract on S3, against s3proxy, on loopback. */
class S3BlobServiceTest extends S3BlobServiceSuite {

    @Override
    protected S3Server startServer() throws Exception {
        return new S3ProxyServer();
    }
}
