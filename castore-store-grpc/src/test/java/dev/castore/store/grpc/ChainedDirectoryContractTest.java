package dev.castore.store.grpc;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.DirectoryServiceContract;

/** The directory contract through client -> server -> client -> server -> memory store. */
class ChainedDirectoryContractTest extends DirectoryServiceContract {

    private TamperingDirectoryService backend;

    @Override
    protected DirectoryService newDirectoryService() throws Exception {
        backend = new TamperingDirectoryService(new MemoryDirectoryService());
        LoopbackServer far = LoopbackServer.serve(new MemoryBlobService(), backend);
        DirectoryService farClient = far.directoryClient();
        LoopbackServer near = LoopbackServer.serve(new MemoryBlobService(), farClient);
        return new ClosingDirectoryService(near.directoryClient(), near, farClient::close, far);
    }

    /**
     * Two hops of the same client and server code that {@link MemoryBackedDirectoryContractTest}
     * runs through at the full 100,000 levels; a tenth of that keeps this run short.
     */
    @Override
    protected int deepChainLevels() {
        return 10_000;
    }

    @Override
    protected void corrupt(DirectoryService service, B3Digest digest) {
        backend.tamper(digest);
    }
}
