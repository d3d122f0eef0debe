package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Two blob services read as one: {@code near} first, then {@code far}. Writes go to near only;
 * far is never written and reads do not copy into near. A blob that far holds in chunks is read
 * chunk by chunk, each chunk again near first, so chunks near already has are not fetched from far.
 * Writes and {@code sync} are forwarded to near as they are.
 */
public final class CombinedBlobService extends ForwardingBlobService {

    private final BlobService far;

    /** Near is the delegate: every write and {@code sync} goes there, and reads try it first. */
    public CombinedBlobService(BlobService near, BlobService far) {
        super(near);
        this.far = far;
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        return delegate().has(digest) || far.has(digest);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        if (delegate().has(digest)) {
            Optional<BlobReader> r = delegate().open(digest);
            if (r.isPresent()) {
                return r;
            }
        }
        Optional<List<ChunkMeta>> chunks = far.chunks(digest);
        if (chunks.isEmpty()) {
            return Optional.empty();
        }
        if (chunks.get().size() < 2) {
            return far.open(digest);
        }
        return Optional.of(new ChunkedBlobReader(digest, chunks.get(), (index, chunk) -> readChunk(chunk)));
    }

    private ByteBuffer readChunk(ChunkMeta chunk) throws IOException {
        if (chunk.size() > Integer.MAX_VALUE - 8) {
            throw new IOException("chunk " + chunk.digest().toHex() + " is too large to read in one piece");
        }
        try (BlobReader r = open(chunk.digest()).orElseThrow(
                () -> new IOException("chunk " + chunk.digest().toHex() + " is listed but found neither near nor far"))) {
            ByteBuffer buf = ByteBuffer.allocate((int) chunk.size());
            while (buf.hasRemaining() && r.read(buf) >= 0) {
                // fill
            }
            if (buf.hasRemaining() || r.read(ByteBuffer.allocate(1)) >= 0) {
                throw new IOException("chunk " + chunk.digest().toHex() + " does not have the listed size " + chunk.size());
            }
            return buf.flip();
        }
    }

    /**
     * One piece for any blob either side has: near and far may hold a blob in different chunks,
     * and {@link #open} reads far's chunks near first anyway.
     */
    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        return has(digest) ? Optional.of(List.of()) : Optional.empty();
    }
}
