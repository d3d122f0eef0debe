package dev.castore.store.objectstore.blob;

import dev.castore.api.StorageException;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.layout.ObjectKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches the chunks of one blob for the api's {@link ChunkedBlobReader}, which verifies each
 * chunk (and, on a read from start to end, the chunk list as a whole) and reads ahead, so the
 * next chunks are fetched and decompressed in the background while the caller consumes one.
 *
 * <p>Chunks are read into direct buffers of the fetcher's own, which the reader hands back once
 * it has moved past them ({@link #release}) and later chunks reuse: a local store's file is read
 * by the kernel straight into one, and a chunk stored as raw blocks is verified and served from
 * there (written to {@code castore cat}'s standard output without another copy), where an array
 * per chunk cost zeroing it, the JDK's copy out of its own direct buffer, and the collector's work.
 * A reader holds at most its read-ahead plus two such buffers, each the size of the blob's
 * largest stored chunk. Stores that read into new arrays (S3) leave the buffer unused.
 */
final class ObjectStoreChunkFetcher implements ChunkedBlobReader.ChunkFetcher {

    /** Buffers kept for reuse: the reader's pieces ahead, the current one, and one on its way back. */
    static final int MAX_SPARE = ChunkedBlobReader.DEFAULT_READ_AHEAD + 2;

    private final ObjectStoreBlobService service;
    private final B3Digest blob;
    private final int capacity;
    private final ConcurrentLinkedQueue<ByteBuffer> spare = new ConcurrentLinkedQueue<>();
    private final AtomicInteger allocated = new AtomicInteger();

    ObjectStoreChunkFetcher(ObjectStoreBlobService service, B3Digest blob, List<ChunkMeta> chunks) {
        this.service = service;
        this.blob = blob;
        long largest = chunks.stream().mapToLong(ChunkMeta::size).max().orElse(0);
        this.capacity = (int) Math.min(ObjectStoreBlobService.MAX_STORED_CHUNK, storedBound(largest));
    }

    /** The most bytes a chunk of {@code size} bytes is stored in: raw blocks, or zstd's worst case, and a frame's header. */
    static long storedBound(long size) {
        return size + size / 128 + 64;
    }

    @Override
    public ByteBuffer fetch(int index, ChunkMeta chunk) throws IOException {
        ByteBuffer scratch = spare.poll();
        if (scratch == null) {
            scratch = ByteBuffer.allocateDirect(capacity);
            allocated.incrementAndGet();
        }
        ByteBuffer data;
        try {
            data = service.fetchChunk(chunk.digest(), chunk.size(), scratch).orElseThrow(() -> new StorageException(
                    service.store().location() + ": chunk " + ObjectKeys.chunk(chunk.digest()) + " of blob " + blob.toHex()
                            + " is missing"));
        } catch (IOException | RuntimeException e) {
            release(scratch);
            throw e;
        }
        if (data != scratch) {
            release(scratch); // decompressed elsewhere, or read by a store into an array of its own
        }
        return data;
    }

    /**
     * Keeps the fetcher's own buffers for the next chunks (the stores return the buffer they are
     * given, or arrays: a direct buffer of this capacity is one of ours); anything else is left to
     * the collector.
     */
    @Override
    public void release(ByteBuffer fetched) {
        if (fetched.isDirect() && fetched.capacity() == capacity && spare.size() < MAX_SPARE) {
            spare.add(fetched);
        }
    }

    /** Direct buffers allocated so far, for tests. */
    int allocated() {
        return allocated.get();
    }

    @Override
    public String describe(int index, ChunkMeta chunk) {
        return service.store().location() + " " + ObjectKeys.chunk(chunk.digest()) + " (chunk " + index + " of blob "
                + blob.toHex() + ")";
    }
}
