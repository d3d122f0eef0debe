package dev.castore.store.grpc;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.testkit.BlobServiceContract;

/**
 * The blob contract through gRPC, in front of a backend whose served bytes a test can damage:
 * each subclass says how the backend is served, and the client it returns stops its servers when
 * closed.
 */
abstract class ServedBlobContract extends BlobServiceContract {

    private TamperingBlobService backend;

    /** The store behind the servers; the memory store unless a subclass needs another. */
    protected BlobService store() {
        return new MemoryBlobService();
    }

    /** A client reaching {@code backend} through servers that closing the client stops. */
    protected abstract BlobService serve(BlobService backend) throws Exception;

    @Override
    protected final BlobService newBlobService() throws Exception {
        backend = new TamperingBlobService(store());
        return serve(backend);
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
