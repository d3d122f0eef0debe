package dev.castore.store.grpc;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ForwardingBlobService;
import java.io.IOException;

/** A client that also stops the servers behind it when closed, so each contract test cleans up. */
final class ClosingBlobService extends ForwardingBlobService {

    private final AutoCloseable[] servers;

    ClosingBlobService(BlobService client, AutoCloseable... servers) {
        super(client);
        this.servers = servers;
    }

    @Override
    public void close() throws IOException {
        closeAll(delegate(), servers);
    }

    /** Closes {@code client}, then each of {@code servers} in order. */
    static void closeAll(AutoCloseable client, AutoCloseable... servers) throws IOException {
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
