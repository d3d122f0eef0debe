package dev.castore.store.objectstore.s3;

/** The directory contract on S3, against s3proxy, on loopback. */
class S3DirectoryServiceTest extends S3DirectoryServiceSuite {

    @Override
    protected S3Server startServer() throws Exception {
        return new S3ProxyServer();
    }
}
