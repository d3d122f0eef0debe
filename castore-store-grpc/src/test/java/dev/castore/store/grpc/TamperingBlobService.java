package dev.castore.store.grpc;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ByteBufferBlobReader;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A backend whose served bytes can be damaged behind the client's back: reads of a tampered blob
 * (or of any chunk of it) return the stored bytes with the first one flipped, as a broken or
 * malicious server would.
 */
final class TamperingBlobService extends ForwardingBlobService {

    private final Set<B3Digest> tampered = ConcurrentHashMap.newKeySet();

    TamperingBlobService(BlobService inner) {
        super(inner);
    }

    void tamper(B3Digest digest) throws IOException {
        tampered.add(digest);
        for (ChunkMeta c : chunks(digest).orElse(List.of())) {
            tampered.add(c.digest());
        }
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        Optional<BlobReader> reader = super.open(digest);
        if (reader.isEmpty() || !tampered.contains(digest)) {
            return reader;
        }
        byte[] bytes;
        try (InputStream in = reader.get().inputStream()) {
            bytes = in.readAllBytes();
        }
        if (bytes.length > 0) {
            bytes[0] ^= 1;
        }
        return Optional.of(ByteBufferBlobReader.of(bytes));
    }

    @Override
    public void close() throws IOException {
        delegate().close();
    }
}
