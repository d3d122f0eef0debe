package dev.castore.store.memory;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blobs on the heap. A blob is kept as segments of at most {@value #SEGMENT_SIZE} bytes, each
 * with its own BLAKE3, so a large blob is never one array, written bytes are copied once, and
 * every read verifies the segment it serves. Thread-safe.
 */
public final class MemoryBlobService implements BlobService {

    // Below half of G1's smallest region size, so segments are never humongous objects.
    static final int SEGMENT_SIZE = 256 * 1024;
    private static final int FIRST_BUFFER = 4096;

    /** A stored blob: its segments and their digests, in order. */
    record StoredBlob(List<ChunkMeta> segments, List<ByteBuffer> data) {}

    private final ConcurrentHashMap<B3Digest, StoredBlob> blobs = new ConcurrentHashMap<>();

    @Override
    public boolean has(B3Digest digest) {
        return blobs.containsKey(digest);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) {
        StoredBlob blob = blobs.get(digest);
        if (blob == null) {
            return Optional.empty();
        }
        return Optional.of(new ChunkedBlobReader(blob.segments(), new SegmentFetcher(blob)));
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) {
        return blobs.containsKey(digest) ? Optional.of(List.of()) : Optional.empty();
    }

    @Override
    public BlobWriter openWriter() {
        return new Writer();
    }

    /** The stored blob, for tests in this package that damage it. */
    StoredBlob stored(B3Digest digest) {
        return blobs.get(digest);
    }

    /** Number of blobs stored. */
    public int size() {
        return blobs.size();
    }

    private record SegmentFetcher(StoredBlob blob) implements ChunkedBlobReader.ChunkFetcher {
        @Override
        public ByteBuffer fetch(ChunkMeta chunk) {
            int index = blob.segments().indexOf(chunk);
            return blob.data().get(index).asReadOnlyBuffer();
        }
    }

    private final class Writer implements BlobWriter {
        private final Blake3Hasher whole = Blake3.newHasher();
        private final List<ChunkMeta> segments = new ArrayList<>();
        private final List<ByteBuffer> data = new ArrayList<>();
        private ByteBuffer current;
        private B3Digest committed;
        private boolean open = true;

        @Override
        public int write(ByteBuffer src) throws IOException {
            ensureWritable();
            int n = src.remaining();
            while (src.hasRemaining()) {
                if (current == null) {
                    current = ByteBuffer.allocate(Math.min(SEGMENT_SIZE, Math.max(FIRST_BUFFER, src.remaining())));
                } else if (!current.hasRemaining()) {
                    // Small blobs start in a small buffer that grows to a full segment.
                    current = ByteBuffer.allocate(Math.min(SEGMENT_SIZE, current.capacity() * 2)).put(current.flip());
                }
                int take = Math.min(current.remaining(), src.remaining());
                ByteBuffer slice = src.slice(src.position(), take);
                whole.update(slice.duplicate());
                current.put(slice);
                src.position(src.position() + take);
                if (current.position() == SEGMENT_SIZE) {
                    sealSegment();
                }
            }
            return n;
        }

        private void sealSegment() {
            current.flip();
            ByteBuffer segment = current.position() == 0 && current.limit() == current.capacity()
                    ? current
                    : ByteBuffer.wrap(java.util.Arrays.copyOf(current.array(), current.limit()));
            segments.add(new ChunkMeta(Blake3.hash(segment.duplicate()), segment.remaining()));
            data.add(segment);
            current = null;
        }

        private void ensureWritable() throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            if (committed != null) {
                throw new IOException("blob writer already committed");
            }
        }

        @Override
        public B3Digest commit() throws IOException {
            if (committed != null) {
                return committed;
            }
            if (!open) {
                throw new ClosedChannelException();
            }
            if (current != null && current.position() > 0) {
                sealSegment();
            }
            B3Digest digest = whole.digest();
            blobs.putIfAbsent(digest, new StoredBlob(List.copyOf(segments), List.copyOf(data)));
            committed = digest;
            segments.clear();
            data.clear();
            return digest;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
            current = null;
            segments.clear();
            data.clear();
        }
    }
}
