package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.BlobServiceContract;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** The blob contract against a server whose backend lists chunks: reads go chunk by chunk, each verified. */
class ChunkedBlobContractTest extends BlobServiceContract {

    private TamperingBlobService backend;

    @Override
    protected BlobService newBlobService() throws Exception {
        backend = new TamperingBlobService(new FixedChunkBlobService(new MemoryBlobService()));
        LoopbackServer server = LoopbackServer.serve(backend, new MemoryDirectoryService());
        return new ClosingBlobService(server.blobClient(), server);
    }

    @Override
    protected boolean storesBlobsOnHeap() {
        return true;
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) throws Exception {
        backend.tamper(digest);
    }

    @Test
    void clientSeesTheServersChunkList() throws Exception {
        B3Digest d = Blobs.write(service, Fixtures.BLOB_B);
        assertEquals(4, service.chunks(d).orElseThrow().size(), "1,044,480 bytes in 256 KiB chunks");
    }
}
