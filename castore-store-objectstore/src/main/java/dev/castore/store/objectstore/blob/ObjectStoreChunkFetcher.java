package dev.castore.store.objectstore.blob;

import dev.castore.api.StorageException;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.blob.FetchBuffers;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.layout.ObjectKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Fetches the chunks of one blob for the api's {@link ChunkedBlobReader}, which verifies each
 * chunk (and, on a read from start to end, the chunk list as a whole) and reads ahead, so the
 * next chunks are fetched and decompressed in the background while the caller consumes one.
 *
 * <p>Chunks are read into {@link FetchBuffers} the size of the blob's largest stored chunk: a
 * local store's file is read by the kernel straight into one, and a chunk stored as raw blocks
 * is verified and served from there. A chunk that was compressed comes in an array, and leaves
 * the buffer to the next one. Stores that read into arrays of their own (S3) get no buffers.
 */
final class ObjectStoreChunkFetcher implements ChunkedBlobReader.ChunkFetcher {

    private final ObjectStoreBlobService service;
    private final B3Digest blob;
    private final FetchBuffers buffers; // null for a store that reads into arrays

    ObjectStoreChunkFetcher(ObjectStoreBlobService service, B3Digest blob, List<ChunkMeta> chunks) {
        this.service = service;
        this.blob = blob;
        long largest = chunks.stream().mapToLong(ChunkMeta::size).max().orElse(0);
        this.buffers = service.store().readsIntoScratch()
                ? new FetchBuffers((int) Math.min(ObjectStoreBlobService.MAX_STORED_CHUNK, storedBound(largest)),
                        FetchBuffers.DEFAULT_KEEP)
                : null;
    }

    /** The most bytes a chunk of {@code size} bytes is stored in: raw blocks, or zstd's worst case, and a frame's header. */
    static long storedBound(long size) {
        return size + size / 128 + 64;
    }

    @Override
    public ByteBuffer fetch(int index, ChunkMeta chunk) throws IOException {
        if (buffers == null) {
            return orMissing(service.fetchChunk(chunk.digest(), chunk.size()), chunk);
        }
        return buffers.read(scratch -> orMissing(service.fetchChunk(chunk.digest(), chunk.size(), scratch), chunk));
    }

    private ByteBuffer orMissing(Optional<ByteBuffer> fetched, ChunkMeta chunk) throws StorageException {
        return fetched.orElseThrow(() -> new StorageException(service.store().location() + ": chunk "
                + ObjectKeys.chunk(chunk.digest()) + " of blob " + blob.toHex() + " is missing"));
    }

    @Override
    public void release(ByteBuffer fetched) {
        if (buffers != null) {
            buffers.giveBack(fetched);
        }
    }

    /** Direct buffers allocated so far, for tests. */
    int allocated() {
        return buffers == null ? 0 : buffers.allocated();
    }

    @Override
    public String describe(int index, ChunkMeta chunk) {
        // Where alone: the reader's error goes on with the blob and which of its chunks (counted from 1).
        return service.store().location() + " " + ObjectKeys.chunk(chunk.digest());
    }
}
