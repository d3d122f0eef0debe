package dev.castore.store.grpc;

import dev.castore.api.directory.DirectoryService;
import dev.castore.store.memory.MemoryBlobService;

/** The directory contract through a client talking to a real loopback server backed by the memory store. */
class MemoryBackedDirectoryContractTest extends ServedDirectoryContract {

    @Override
    protected DirectoryService serve(DirectoryService backend) throws Exception {
        LoopbackServer server = LoopbackServer.serve(new MemoryBlobService(), backend);
        return ClosingClients.directories(server.directoryClient(), server);
    }
}
