package dev.castore.store.objectstore.s3;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.blob.BlobServiceAccess;
import dev.castore.testkit.BlobServiceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The blob contract on S3, against a second S3 implementation (S3Mock) besides s3proxy. */
class S3MockBlobServiceTest extends BlobServiceContract {

    private static S3MockServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new S3MockServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected BlobService newBlobService() {
        return BlobServiceAccess.blobService(server.newStore());
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) throws Exception {
        BlobServiceAccess.corrupt(service, digest);
    }
}
