package dev.castore.store.grpc;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.BlobServiceContract;

/** The blob contract through a client talking to a real loopback server backed by the memory store. */
class MemoryBackedBlobContractTest extends BlobServiceContract {

    private LoopbackServer server;
    private TamperingBlobService backend;

    @Override
    protected BlobService newBlobService() throws Exception {
        backend = new TamperingBlobService(new MemoryBlobService());
        server = LoopbackServer.serve(backend, new MemoryDirectoryService());
        BlobService client = server.blobClient();
        return new ClosingBlobService(client, server);
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
