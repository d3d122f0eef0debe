package dev.castore.store.grpc;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.DirectoryServiceContract;

/**
 * The directory contract through gRPC, in front of a memory backend that a test can make answer
 * with the wrong directory: each subclass says how the backend is served.
 */
abstract class ServedDirectoryContract extends DirectoryServiceContract {

    private TamperingDirectoryService backend;

    /** A client reaching {@code backend} through servers that closing the client stops. */
    protected abstract DirectoryService serve(DirectoryService backend) throws Exception;

    @Override
    protected final DirectoryService newDirectoryService() throws Exception {
        backend = new TamperingDirectoryService(new MemoryDirectoryService());
        return serve(backend);
    }

    @Override
    protected void corrupt(DirectoryService service, B3Digest digest) {
        backend.tamper(digest);
    }
}
