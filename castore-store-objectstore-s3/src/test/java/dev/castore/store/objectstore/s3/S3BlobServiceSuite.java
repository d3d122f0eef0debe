package dev.castore.store.objectstore.s3;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.blob.BlobServiceAccess;
import dev.castore.testkit.BlobListingContract;
import dev.castore.testkit.BlobServiceContract;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The blob contract on S3, the same for every S3 server: a subclass names the server, which
 * runs from its first test to its last ({@link SuiteServer}).
 */
@ExtendWith(SuiteServer.class)
abstract class S3BlobServiceSuite extends BlobServiceContract implements BlobListingContract {

    /** Starts the server this suite runs against. */
    protected abstract S3Server startServer() throws Exception;

    @Override
    protected BlobService newBlobService() throws Exception {
        return BlobServiceAccess.blobService(SuiteServer.get(this::startServer).newStore("some/prefix"));
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) throws Exception {
        BlobServiceAccess.corrupt(service, digest);
    }
}
