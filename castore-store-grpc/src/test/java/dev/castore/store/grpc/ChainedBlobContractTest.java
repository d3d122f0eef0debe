package dev.castore.store.grpc;

import dev.castore.api.blob.BlobService;
import dev.castore.store.memory.MemoryDirectoryService;

/**
 * The blob contract through client -> server -> client -> server -> memory store: a server whose
 * backend is itself a gRPC client must behave like any store (streams stay bounded on both hops).
 */
class ChainedBlobContractTest extends ServedBlobContract {

    @Override
    protected BlobService serve(BlobService backend) throws Exception {
        LoopbackServer far = LoopbackServer.serve(backend, new MemoryDirectoryService());
        BlobService farClient = far.blobClient();
        LoopbackServer near = LoopbackServer.serve(farClient, new MemoryDirectoryService());
        return ClosingClients.blobs(near.blobClient(), near, farClient::close, far);
    }
}
