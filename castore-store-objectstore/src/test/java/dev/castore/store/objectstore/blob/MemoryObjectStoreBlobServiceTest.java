package dev.castore.store.objectstore.blob;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.backend.MemoryObjectStore;
import dev.castore.testkit.BlobListingContract;
import dev.castore.testkit.BlobServiceContract;
import org.junit.jupiter.api.Tag;

/** The blob contract on {@code memory:///}, in a surefire execution of its own with the heap it needs (see the pom). */
@Tag("blobs-on-heap")
class MemoryObjectStoreBlobServiceTest extends BlobServiceContract implements BlobListingContract {

    @Override
    protected BlobService newBlobService() {
        return new ObjectStoreBlobService(new MemoryObjectStore("memory:///"), 262_144);
    }

    @Override
    protected boolean storesBlobsOnHeap() {
        return true;
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) throws Exception {
        StoreCorruption.flipAByteOfTheFirstChunk((ObjectStoreBlobService) service, digest);
    }
}
