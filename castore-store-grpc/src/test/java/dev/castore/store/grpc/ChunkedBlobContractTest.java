package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** The blob contract against a server whose backend lists chunks: reads go chunk by chunk, each verified. */
class ChunkedBlobContractTest extends ServedBlobContract {

    @Override
    protected BlobService store() {
        return new FixedChunkBlobService(new MemoryBlobService());
    }

    @Override
    protected BlobService serve(BlobService backend) throws Exception {
        LoopbackServer server = LoopbackServer.serve(backend, new MemoryDirectoryService());
        return ClosingClients.blobs(server.blobClient(), server);
    }

    @Test
    void clientSeesTheServersChunkList() throws Exception {
        B3Digest d = Blobs.write(service, Fixtures.BLOB_B);
        assertEquals(4, service.chunks(d).orElseThrow().size(), "1,044,480 bytes in 256 KiB chunks");
    }
}
