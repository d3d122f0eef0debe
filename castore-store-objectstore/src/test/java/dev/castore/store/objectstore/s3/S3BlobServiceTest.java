package dev.castore.store.objectstore.s3;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.blob.BlobServiceAccess;
import dev.castore.testkit.BlobServiceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The blob contract on S3, against s3proxy on loopback. */
class S3BlobServiceTest extends BlobServiceContract {

    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new S3ProxyServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected BlobService newBlobService() {
        return BlobServiceAccess.blobService(server.newStore("some/prefix"));
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) throws Exception {
        BlobServiceAccess.corrupt(service, digest);
    }
}
