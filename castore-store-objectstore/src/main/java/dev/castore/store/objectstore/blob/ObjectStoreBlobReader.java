package dev.castore.store.objectstore.blob;

import dev.castore.api.CorruptDataException;
import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.layout.ObjectKeys;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Reads a chunked blob through the api's {@link ChunkedBlobReader} (which verifies every chunk
 * before serving it and, on a seek, fetches only the chunk holding the new position). While the
 * caller consumes one chunk, the next one in blob order is fetched in the background, so a
 * sequential read keeps at most two chunks in memory and rarely waits for the network.
 */
final class ObjectStoreBlobReader implements BlobReader {

    private final ObjectStoreBlobService service;
    private final B3Digest blob;
    private final List<ChunkMeta> chunks;
    private final ChunkedBlobReader delegate;
    private int nextIndex;
    private int prefetchIndex = -1;
    private Future<byte[]> prefetch;
    private String lastKey = "";

    ObjectStoreBlobReader(ObjectStoreBlobService service, B3Digest blob, List<ChunkMeta> chunks) {
        this.service = service;
        this.blob = blob;
        this.chunks = List.copyOf(chunks);
        this.delegate = new ChunkedBlobReader(this.chunks, this::fetch);
    }

    private ByteBuffer fetch(ChunkMeta meta) throws IOException {
        int index = indexOf(meta);
        lastKey = ObjectKeys.chunk(meta.digest());
        byte[] data;
        if (prefetch != null && prefetchIndex == index) {
            data = await(prefetch);
            prefetch = null;
        } else {
            cancelPrefetch();
            data = load(meta);
        }
        nextIndex = index + 1;
        if (nextIndex < chunks.size()) {
            ChunkMeta next = chunks.get(nextIndex);
            prefetchIndex = nextIndex;
            prefetch = CompletableFuture.supplyAsync(() -> {
                try {
                    return load(next);
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, service.executor());
        }
        return ByteBuffer.wrap(data);
    }

    /** The position of {@code meta} in the list: usually the next one; after a seek, found by search. */
    private int indexOf(ChunkMeta meta) {
        if (nextIndex < chunks.size() && chunks.get(nextIndex).equals(meta)) {
            return nextIndex;
        }
        // Equal chunk entries hold equal bytes, so the first match is as good as the real position.
        return chunks.indexOf(meta);
    }

    private byte[] load(ChunkMeta meta) throws IOException {
        return service.fetchChunk(meta.digest(), meta.size()).orElseThrow(() -> new StorageException(
                service.store().location() + ": chunk " + ObjectKeys.chunk(meta.digest()) + " of blob " + blob.toHex()
                        + " is missing"));
    }

    private static byte[] await(Future<byte[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching a chunk");
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof java.util.concurrent.CompletionException ce ? ce.getCause() : e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new StorageException("fetching a chunk failed: " + c, c);
        }
    }

    private void cancelPrefetch() {
        if (prefetch != null) {
            prefetch.cancel(true);
            prefetch = null;
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            return delegate.read(dst);
        } catch (CorruptDataException e) {
            throw new CorruptDataException(service.store().location() + " " + lastKey + " (in blob " + blob.toHex()
                    + "): " + e.getMessage(), e);
        }
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public BlobReader position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    /** Total length in bytes. */
    long size() {
        return delegate.size();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() {
        cancelPrefetch();
        delegate.close();
    }
}
