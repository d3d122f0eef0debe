package dev.castore.store.grpc;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.BlobServiceContract;

/**
 * The blob contract through client -> server -> client -> server -> memory store: a server whose
 * backend is itself a gRPC client must behave like any store (streams stay bounded on both hops).
 */
class ChainedBlobContractTest extends BlobServiceContract {

    private TamperingBlobService backend;

    @Override
    protected BlobService newBlobService() throws Exception {
        backend = new TamperingBlobService(new MemoryBlobService());
        LoopbackServer far = LoopbackServer.serve(backend, new MemoryDirectoryService());
        BlobService farClient = far.blobClient();
        LoopbackServer near = LoopbackServer.serve(farClient, new MemoryDirectoryService());
        return new ClosingBlobService(near.blobClient(), near, farClient::close, far);
    }

    @Override
    protected boolean storesBlobsOnHeap() {
        return true;
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) throws Exception {
        backend.tamper(digest);
    }
}
