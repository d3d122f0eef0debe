package dev.castore.store.grpc;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.DirectoryServiceContract;

/** The directory contract through a client talking to a real loopback server backed by the memory store. */
class MemoryBackedDirectoryContractTest extends DirectoryServiceContract {

    private TamperingDirectoryService backend;

    @Override
    protected DirectoryService newDirectoryService() throws Exception {
        backend = new TamperingDirectoryService(new MemoryDirectoryService());
        LoopbackServer server = LoopbackServer.serve(new MemoryBlobService(), backend);
        return new ClosingDirectoryService(server.directoryClient(), server);
    }

    @Override
    protected void corrupt(DirectoryService service, B3Digest digest) {
        backend.tamper(digest);
    }
}
