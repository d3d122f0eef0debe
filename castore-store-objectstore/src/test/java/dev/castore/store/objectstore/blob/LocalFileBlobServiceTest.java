package dev.castore.store.objectstore.blob;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.backend.LocalFileObjectStore;
import dev.castore.testkit.BlobListingContract;
import dev.castore.testkit.BlobServiceContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The blob and listing contracts on {@code file:///...}. */
class LocalFileBlobServiceTest extends BlobServiceContract implements BlobListingContract {

    @TempDir
    Path root;

    @Override
    protected BlobService newBlobService() {
        return new ObjectStoreBlobService(new LocalFileObjectStore(root), 262_144);
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) throws Exception {
        StoreCorruption.flipAByteOfTheFirstChunk((ObjectStoreBlobService) service, digest);
    }
}
