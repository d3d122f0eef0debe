package dev.castore.store.grpc;

import dev.castore.api.directory.DirectoryService;
import dev.castore.api.directory.ForwardingDirectoryService;
import java.io.IOException;

/** A client that also stops the servers behind it when closed. */
final class ClosingDirectoryService extends ForwardingDirectoryService {

    private final AutoCloseable[] servers;

    ClosingDirectoryService(DirectoryService client, AutoCloseable... servers) {
        super(client);
        this.servers = servers;
    }

    @Override
    public void close() throws IOException {
        ClosingBlobService.closeAll(delegate(), servers);
    }
}
