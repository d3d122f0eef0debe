package dev.castore.store.grpc;

import dev.castore.api.directory.DirectoryService;
import dev.castore.store.memory.MemoryBlobService;

/** The directory contract through client -> server -> client -> server -> memory store. */
class ChainedDirectoryContractTest extends ServedDirectoryContract {

    @Override
    protected DirectoryService serve(DirectoryService backend) throws Exception {
        LoopbackServer far = LoopbackServer.serve(new MemoryBlobService(), backend);
        DirectoryService farClient = far.directoryClient();
        LoopbackServer near = LoopbackServer.serve(new MemoryBlobService(), farClient);
        return ClosingClients.directories(near.directoryClient(), near, farClient::close, far);
    }

    /**
     * Two hops of the same client and server code that {@link MemoryBackedDirectoryContractTest}
     * runs through at the full 100,000 levels; a tenth of that keeps this run short.
     */
    @Override
    protected int deepChainLevels() {
        return 10_000;
    }
}
