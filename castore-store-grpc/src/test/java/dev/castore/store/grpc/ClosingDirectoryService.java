package dev.castore.store.grpc;

import dev.castore.api.directory.ClosureStream;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Stream;

/** A client that also stops the servers behind it when closed. */
final class ClosingDirectoryService implements DirectoryService {

    private final DirectoryService client;
    private final AutoCloseable[] servers;

    ClosingDirectoryService(DirectoryService client, AutoCloseable... servers) {
        this.client = client;
        this.servers = servers;
    }

    @Override
    public Optional<Directory> get(B3Digest digest) throws IOException {
        return client.get(digest);
    }

    @Override
    public B3Digest put(Directory directory) throws IOException {
        return client.put(directory);
    }

    @Override
    public ClosureStream getRecursive(B3Digest root) throws IOException {
        return client.getRecursive(root);
    }

    @Override
    public DirectoryPutter putter() throws IOException {
        return client.putter();
    }

    @Override
    public void close() throws IOException {
        client.close();
        for (AutoCloseable s : servers) {
            try {
                s.close();
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
