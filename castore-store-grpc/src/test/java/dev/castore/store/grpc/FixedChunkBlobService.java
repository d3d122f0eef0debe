package dev.castore.store.grpc;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chunking backend for tests: cuts blobs into fixed 256 KiB chunks, each stored as its own blob
 * in a memory store, and lists them in Stat, so clients take the chunk-by-chunk read path.
 */
final class FixedChunkBlobService implements BlobService {

    static final int CHUNK = 256 * 1024;

    private final BlobService chunks;
    private final Map<B3Digest, List<ChunkMeta>> index = new ConcurrentHashMap<>();

    FixedChunkBlobService(BlobService chunks) {
        this.chunks = chunks;
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        return index.containsKey(digest) || chunks.has(digest);
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        List<ChunkMeta> listed = index.get(digest);
        return listed != null ? Optional.of(listed) : chunks.chunks(digest);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        List<ChunkMeta> listed = index.get(digest);
        if (listed == null) {
            return chunks.open(digest);
        }
        return Optional.of(new ChunkedBlobReader(digest, listed, (i, c) -> {
            try (InputStream in = chunks.open(c.digest()).orElseThrow().inputStream()) {
                return ByteBuffer.wrap(in.readAllBytes());
            }
        }));
    }

    @Override
    public BlobWriter openWriter() {
        return new BlobWriter() {
            private final Blake3Hasher whole = Blake3.newHasher();
            private final List<ChunkMeta> written = new ArrayList<>();
            private final ByteBuffer pending = ByteBuffer.allocate(CHUNK);
            private B3Digest digest;

            @Override
            public int write(ByteBuffer src) throws IOException {
                int n = src.remaining();
                whole.update(src.duplicate());
                while (src.hasRemaining()) {
                    int take = Math.min(src.remaining(), pending.remaining());
                    pending.put(pending.position(), src, src.position(), take);
                    pending.position(pending.position() + take);
                    src.position(src.position() + take);
                    if (!pending.hasRemaining()) {
                        flush();
                    }
                }
                return n;
            }

            private void flush() throws IOException {
                pending.flip();
                long size = pending.remaining();
                try (BlobWriter w = chunks.openWriter()) {
                    w.write(pending);
                    written.add(new ChunkMeta(w.commit(), size));
                }
                pending.clear();
            }

            @Override
            public B3Digest commit() throws IOException {
                if (digest == null) {
                    if (pending.position() > 0 || written.isEmpty()) {
                        flush();
                    }
                    digest = whole.digest();
                    if (written.size() >= 2) {
                        index.put(digest, List.copyOf(written));
                    }
                }
                return digest;
            }

            @Override
            public boolean isOpen() {
                return digest == null;
            }

            @Override
            public void close() {}
        };
    }
}
