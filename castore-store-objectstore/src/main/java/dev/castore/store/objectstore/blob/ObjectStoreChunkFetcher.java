package dev.castore.store.objectstore.blob;

import dev.castore.api.StorageException;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.layout.ObjectKeys;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Fetches the chunks of one blob for the api's {@link ChunkedBlobReader}, which verifies each
 * chunk (and, on a read from start to end, the chunk list as a whole) and reads ahead, so the
 * next chunks are fetched and decompressed in the background while the caller consumes one.
 */
record ObjectStoreChunkFetcher(ObjectStoreBlobService service, B3Digest blob) implements ChunkedBlobReader.ChunkFetcher {

    @Override
    public ByteBuffer fetch(int index, ChunkMeta chunk) throws IOException {
        return service.fetchChunk(chunk.digest(), chunk.size()).orElseThrow(() -> new StorageException(
                service.store().location() + ": chunk " + ObjectKeys.chunk(chunk.digest()) + " of blob " + blob.toHex()
                        + " is missing"));
    }

    @Override
    public String describe(int index, ChunkMeta chunk) {
        return service.store().location() + " " + ObjectKeys.chunk(chunk.digest()) + " (chunk " + index + " of blob "
                + blob.toHex() + ")";
    }
}
