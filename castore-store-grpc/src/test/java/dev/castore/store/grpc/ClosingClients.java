package dev.castore.store.grpc;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.directory.ForwardingDirectoryService;
import java.io.IOException;

/** Clients that also stop the servers behind them when closed, so each contract test cleans up. */
final class ClosingClients {

    private ClosingClients() {}

    /** {@code client}, which closes itself and then each of {@code servers}, in order. */
    static BlobService blobs(BlobService client, AutoCloseable... servers) {
        return new ForwardingBlobService(client) {
            @Override
            public void close() throws IOException {
                closeAll(client, servers);
            }
        };
    }

    /** {@code client}, which closes itself and then each of {@code servers}, in order. */
    static DirectoryService directories(DirectoryService client, AutoCloseable... servers) {
        return new ForwardingDirectoryService(client) {
            @Override
            public void close() throws IOException {
                closeAll(client, servers);
            }
        };
    }

    private static void closeAll(AutoCloseable client, AutoCloseable... servers) throws IOException {
        try {
            client.close();
            for (AutoCloseable s : servers) {
                s.close();
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
