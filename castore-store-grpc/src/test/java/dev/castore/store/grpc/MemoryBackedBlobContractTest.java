package dev.castore.store.grpc;

import dev.castore.api.blob.BlobService;
import dev.castore.store.memory.MemoryDirectoryService;

/** The blob contract through a client talking to a real loopback server backed by the memory store. */
class MemoryBackedBlobContractTest extends ServedBlobContract {

    @Override
    protected BlobService serve(BlobService backend) throws Exception {
        LoopbackServer server = LoopbackServer.serve(backend, new MemoryDirectoryService());
        return ClosingClients.blobs(server.blobClient(), server);
    }
}
