package dev.castore.store.grpc;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A client that also stops the servers behind it when closed, so each contract test cleans up. */
final class ClosingBlobService implements BlobService {

    private final BlobService client;
    private final AutoCloseable[] servers;

    ClosingBlobService(BlobService client, AutoCloseable... servers) {
        this.client = client;
        this.servers = servers;
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        return client.has(digest);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        return client.open(digest);
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        return client.openWriter();
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        return client.chunks(digest);
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
