package dev.castore.store.memory;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3Segments;
import dev.castore.api.digest.HashingPool;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinTask;

/**
 * Blobs in memory, outside the Java heap (so a large store neither counts against the heap
 * limit nor is copied around by the garbage collector; each blob in an arena of its own, freed
 * when its writer is abandoned or the store is closed), as the segments of
 * {@link Blake3Segments} of {@value #SEGMENT_SIZE} bytes. Each byte is hashed once: a writer
 * hands every full segment to the hashing pool for its chaining value while the caller goes on
 * writing, and the blob's digest comes from those values. A read checks each segment against
 * its value before serving it, and the values against the digest when the reader is opened.
 * Thread-safe; readers still open when the store is closed fail.
 */
public final class MemoryBlobService implements BlobService {

    static final int SEGMENT_SIZE = 256 * 1024;
    static final Blake3Segments SEGMENTS = new Blake3Segments(SEGMENT_SIZE);
    private static final int FIRST_BUFFER = 4096;

    /** A stored blob: its size, the arena of its memory, its segments and their verifiers, in order. */
    record StoredBlob(long size, Arena arena, List<MemorySegment> segments, List<byte[]> verifiers) {}

    private final ConcurrentHashMap<B3Digest, StoredBlob> blobs = new ConcurrentHashMap<>();

    @Override
    public boolean has(B3Digest digest) {
        return blobs.containsKey(digest);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        StoredBlob blob = blobs.get(digest);
        if (blob == null) {
            return Optional.empty();
        }
        return Optional.of(ChunkedBlobReader.ofSegments(digest, blob.size(), SEGMENTS, blob.verifiers(),
                (index, piece) -> blob.segments().get(index).asByteBuffer().asReadOnlyBuffer(),
                ChunkedBlobReader.DEFAULT_READ_AHEAD));
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

    @Override
    public void close() {
        for (B3Digest digest : List.copyOf(blobs.keySet())) {
            StoredBlob blob = blobs.remove(digest);
            if (blob != null) {
                blob.arena().close();
            }
        }
    }

    /**
     * Gathers a blob: the first segment on the heap, growing from a small buffer (most blobs are
     * small), later ones straight into native memory of a full segment each.
     */
    private final class Writer implements BlobWriter {
        private final List<MemorySegment> segments = new ArrayList<>();
        private final List<ForkJoinTask<byte[]>> verifiers = new ArrayList<>();
        private byte[] first = new byte[0];
        private Arena arena;
        private MemorySegment current;
        private long filled;
        private long size;
        private B3Digest committed;
        private boolean open = true;

        @Override
        public int write(ByteBuffer src) throws IOException {
            ensureWritable();
            int n = src.remaining();
            while (src.hasRemaining()) {
                if (filled == SEGMENT_SIZE) {
                    seal(); // more input follows: the segment is full and not the last
                }
                int take = (int) Math.min(src.remaining(), SEGMENT_SIZE - filled);
                if (current == null && segments.isEmpty()) {
                    if (filled + take > first.length) {
                        first = Arrays.copyOf(first,
                                (int) Math.min(SEGMENT_SIZE, Math.max(FIRST_BUFFER, Math.max(filled + take, 2L * first.length))));
                    }
                    src.get(first, (int) filled, take);
                } else {
                    MemorySegment.copy(MemorySegment.ofBuffer(src), 0, current, filled, take);
                    src.position(src.position() + take);
                }
                filled += take;
                size += take;
            }
            return n;
        }

        /** Keeps the full current segment and starts computing its chaining value. */
        private void seal() {
            MemorySegment full = current != null ? current : copyOut(first, SEGMENT_SIZE);
            long index = segments.size();
            segments.add(full);
            verifiers.add(HashingPool.get().submit(
                    () -> SEGMENTS.verifierOfFull(full.asByteBuffer(), index)));
            first = null;
            current = arena().allocate(SEGMENT_SIZE);
            filled = 0;
        }

        private Arena arena() {
            if (arena == null) {
                arena = Arena.ofShared();
            }
            return arena;
        }

        private MemorySegment copyOut(byte[] bytes, long length) {
            MemorySegment out = arena().allocate(Math.max(1, length));
            MemorySegment.copy(MemorySegment.ofArray(bytes), 0, out, 0, length);
            return out.asSlice(0, length);
        }

        private void ensureWritable() throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            if (committed != null) {
                throw new InvalidRequestException("blob writer already committed");
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
            long index = segments.size();
            List<byte[]> values = new ArrayList<>(verifiers.size() + 1);
            for (ForkJoinTask<byte[]> v : verifiers) {
                values.add(v.join());
            }
            ByteBuffer lastBytes = current != null ? current.asSlice(0, filled).asByteBuffer()
                    : ByteBuffer.wrap(first, 0, (int) filled);
            values.add(SEGMENTS.verifier(lastBytes, index, size));
            B3Digest digest = SEGMENTS.digest(values);
            committed = digest;
            if (!blobs.containsKey(digest)) {
                // A blob of one segment moves out of the heap only now, when it is known to be new.
                List<MemorySegment> all = new ArrayList<>(segments);
                all.add(current != null ? current.asSlice(0, filled) : copyOut(first, filled));
                if (blobs.putIfAbsent(digest, new StoredBlob(size, arena(), List.copyOf(all), List.copyOf(values))) == null) {
                    arena = null; // owned by the store now
                }
            }
            release();
            return digest;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
            release();
        }

        /** Drops the writer's memory, unless the store took it. */
        private void release() {
            if (arena != null) {
                for (ForkJoinTask<byte[]> v : verifiers) {
                    v.cancel(false);
                    v.quietlyJoin(); // none may still read the memory being freed
                }
                arena.close();
                arena = null;
            }
            segments.clear();
            verifiers.clear();
            first = null;
            current = null;
        }
    }
}
