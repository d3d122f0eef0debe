package dev.castore.store.memory;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.testkit.BlobServiceContract;

class MemoryBlobServiceTest extends BlobServiceContract {

    @Override
    protected BlobService newBlobService() {
        return new MemoryBlobService();
    }

    @Override
    protected boolean storesBlobsOnHeap() {
        return true;
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) {
        // Flip one byte of the first segment in place; readers only ever get read-only views.
        ((MemoryBlobService) service).stored(digest).data().getFirst().array()[0] ^= 0x01;
    }
}
