package dev.castore.store.memory;

import dev.castore.api.Cursor;
import dev.castore.api.InvalidRequestException;
import dev.castore.api.blob.BlobDeletion;
import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.blob.FetchBuffers;
import dev.castore.api.blob.ListedBlob;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3Segments;
import dev.castore.api.digest.HashingPool;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;

/**
 * Blobs in memory, in a {@link MemoryFile} outside the Java heap, as the segments of
 * {@link Blake3Segments} of {@value #SEGMENT_SIZE} bytes. Each byte is hashed once: a writer
 * hands every full segment to the {@link HashingPool} for its chaining value while the caller
 * goes on writing, and the blob's digest comes from those values. A read checks each segment
 * against its value before serving it, and the values against the digest when the reader is
 * opened. Thread-safe; readers still open when the store is closed fail, and so do readers of a
 * blob deleted after they were opened (its memory reads as zeros, which fail verification).
 */
public final class MemoryBlobService implements BlobService, BlobDeletion, BlobListing {

    static final int SEGMENT_SIZE = 256 * 1024;
    static final Blake3Segments SEGMENTS = new Blake3Segments(SEGMENT_SIZE);
    private static final int FIRST_BUFFER = 4096;
    /** Full segments of one writer being hashed at a time: bounds a writer's buffers. */
    private static final int IN_FLIGHT = 2 * HashingPool.get().getParallelism() + 2;

    /** A stored blob: its size, where its segments are in the memory file, and their verifiers. */
    record StoredBlob(long size, long[] offsets, List<byte[]> verifiers) {}

    private final ConcurrentHashMap<B3Digest, StoredBlob> blobs = new ConcurrentHashMap<>();
    /**
     * The direct buffers of one segment that writers gather segments in and readers read them
     * into, shared by all of them and handed back after use: a new array for every segment read
     * cost zeroing it and collecting it (a daemon serving 1 GiB from this store spent 3 % of its
     * samples in memset, on those arrays and its messages'). Enough kept for a few writers and
     * readers at once; more are made as needed.
     */
    private final FetchBuffers segmentBuffers = new FetchBuffers(SEGMENT_SIZE, 4 * FetchBuffers.DEFAULT_KEEP);
    private final MemoryFile memory;

    public MemoryBlobService() {
        try {
            memory = MemoryFile.create("castore-memory-blobs");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the memory of a memory blob service: " + e.getMessage(), e);
        }
    }

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
                new ChunkedBlobReader.ChunkFetcher() {
                    @Override
                    public ByteBuffer fetch(int index, ChunkMeta piece) throws IOException {
                        return segmentBuffers.read(scratch -> {
                            scratch.clear().limit((int) piece.size());
                            memory.read(blob.offsets()[index], scratch);
                            return scratch.flip();
                        });
                    }

                    @Override
                    public void release(ByteBuffer fetched) {
                        segmentBuffers.giveBack(fetched);
                    }
                },
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

    /** Segment buffers made so far, for tests. */
    int segmentBuffersAllocated() {
        return segmentBuffers.allocated();
    }

    /** The memory file, for tests in this package that damage it. */
    MemoryFile memory() {
        return memory;
    }

    /** Forgets the blob and gives its memory back. */
    @Override
    public void delete(B3Digest digest) {
        StoredBlob blob = blobs.remove(digest);
        if (blob == null) {
            return;
        }
        long[] offsets = blob.offsets();
        for (int i = 0; i < offsets.length; i++) {
            memory.release(offsets[i], Math.min(SEGMENT_SIZE, blob.size() - (long) i * SEGMENT_SIZE));
        }
    }

    /** The stored blobs, from the map as it is while the cursor walks it (weakly consistent). */
    @Override
    public Cursor<ListedBlob> list() {
        Iterator<Map.Entry<B3Digest, StoredBlob>> it = blobs.entrySet().iterator();
        return () -> {
            if (!it.hasNext()) {
                return Optional.empty();
            }
            Map.Entry<B3Digest, StoredBlob> e = it.next();
            return Optional.of(new ListedBlob(e.getKey(), e.getValue().size()));
        };
    }

    /** Number of blobs stored. */
    public int size() {
        return blobs.size();
    }

    @Override
    public void close() throws IOException {
        blobs.clear();
        memory.close();
    }

    /**
     * Gathers a blob: the first segment on the heap, growing from a small buffer (most blobs are
     * small and are stored only once their digest shows they are new); from the second segment
     * on, each full segment is appended to the memory file and hashed on the pool.
     */
    private final class Writer implements BlobWriter {
        private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        private final List<Long> offsets = new ArrayList<>();
        private final List<Integer> lengths = new ArrayList<>();
        private final List<ForkJoinTask<byte[]>> verifiers = new ArrayList<>();
        private byte[] first = new byte[0];
        private ByteBuffer current;
        private int filled;
        private long size;
        private B3Digest committed;
        private boolean open = true;

        @Override
        public int write(ByteBuffer src) throws IOException {
            ensureWritable();
            int n = src.remaining();
            while (src.hasRemaining()) {
                if (filled == SEGMENT_SIZE) {
                    seal(nextBuffer()); // more input follows: the segment is full and not the last
                }
                int take = Math.min(src.remaining(), SEGMENT_SIZE - filled);
                if (current == null) {
                    if (filled + take > first.length) {
                        first = Arrays.copyOf(first, Math.min(SEGMENT_SIZE,
                                Math.max(FIRST_BUFFER, Math.max(filled + take, 2 * first.length))));
                    }
                    src.get(first, filled, take);
                } else {
                    current.put(current.position(), src, src.position(), take);
                    current.position(current.position() + take);
                    src.position(src.position() + take);
                }
                filled += take;
                size += take;
            }
            return n;
        }

        /**
         * Reads the segments' bytes straight into their buffers once the first segment is full
         * (that one grows on the heap, as with {@link #write}, through {@code buffer}): a read
         * and the copy into the memory file, no copy between them.
         */
        @Override
        public long writeFrom(ReadableByteChannel in, ByteBuffer buffer, LongConsumer progress) throws IOException {
            ensureWritable();
            long total = 0;
            while (current == null) {
                buffer.clear();
                int n = in.read(buffer);
                if (n < 0) {
                    return total;
                }
                buffer.flip();
                write(buffer);
                total += n;
                progress.accept(n);
            }
            while (true) {
                // A full segment is sealed only once more bytes follow: they are read into the
                // next segment's buffer first.
                ByteBuffer into = filled == SEGMENT_SIZE ? nextBuffer() : current;
                int n = in.read(into);
                if (into != current && n <= 0) {
                    segmentBuffers.giveBack(into);
                }
                if (n < 0) {
                    return total;
                }
                if (n == 0) {
                    continue;
                }
                if (into != current) {
                    seal(into);
                }
                filled += n;
                size += n;
                total += n;
                progress.accept(n);
            }
        }

        private ByteBuffer nextBuffer() {
            return segmentBuffers.take().clear();
        }

        /**
         * Hands the full current segment to the pool, which copies it into the memory file and
         * computes its chaining value, while the caller goes on writing: the copy into the
         * memory file (the kernel allocating its pages) cost the writing thread as much as
         * reading the input, so it runs on the pool's cores too. {@code next}, empty or holding
         * what follows the full segment, becomes the current one.
         */
        private void seal(ByteBuffer next) throws IOException {
            ByteBuffer full = current != null ? current.flip() : ByteBuffer.wrap(first);
            long index = offsets.size();
            long offset = memory.reserve(SEGMENT_SIZE);
            offsets.add(offset);
            lengths.add(SEGMENT_SIZE);
            boolean spare = current != null;
            inFlight.acquireUninterruptibly();
            verifiers.add(HashingPool.get().submit(() -> {
                try {
                    memory.write(offset, full.duplicate());
                    return SEGMENTS.verifierOfFull(full.duplicate(), index);
                } finally {
                    try {
                        if (spare) {
                            segmentBuffers.giveBack(full);
                        }
                    } finally {
                        inFlight.release(); // whatever happened, or the writer waits for ever
                    }
                }
            }));
            first = null;
            current = next;
            filled = 0;
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
            long index = offsets.size();
            ByteBuffer last = current != null ? current.flip() : ByteBuffer.wrap(first, 0, filled);
            List<byte[]> values = new ArrayList<>(verifiers.size() + 1);
            for (ForkJoinTask<byte[]> v : verifiers) {
                values.add(joinSegment(v));
            }
            values.add(SEGMENTS.verifier(last.duplicate(), index, size));
            B3Digest digest = SEGMENTS.digest(values);
            committed = digest;
            if (!blobs.containsKey(digest)) {
                lengths.add(last.remaining());
                offsets.add(memory.append(last));
                long[] where = offsets.stream().mapToLong(Long::longValue).toArray();
                if (blobs.putIfAbsent(digest, new StoredBlob(size, where, List.copyOf(values))) == null) {
                    offsets.clear(); // the store owns them now
                }
            }
            release();
            return digest;
        }

        /** The chaining value of a segment handed to the pool, or the error of storing it. */
        private static byte[] joinSegment(ForkJoinTask<byte[]> task) throws IOException {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while storing a blob");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw new IOException("cannot store a segment of the blob: " + io.getMessage(), io);
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
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

        /** Gives back the memory of segments the store did not take, and this writer's buffer. */
        private void release() {
            for (ForkJoinTask<byte[]> v : verifiers) {
                v.quietlyJoin(); // its buffer goes back to segmentBuffers
            }
            for (int i = 0; i < offsets.size(); i++) {
                memory.release(offsets.get(i), lengths.get(i));
            }
            if (current != null) {
                segmentBuffers.giveBack(current);
            }
            offsets.clear();
            lengths.clear();
            verifiers.clear();
            first = null;
            current = null;
        }
    }
}
