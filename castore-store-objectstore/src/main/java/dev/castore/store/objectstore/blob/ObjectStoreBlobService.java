package dev.castore.store.objectstore.blob;

import dev.castore.api.CorruptDataException;
import dev.castore.api.Cursor;
import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobDeletion;
import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ByteBufferBlobReader;
import dev.castore.api.blob.ChunkIndex;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.ListedBlob;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.spi.NativeBlocking;
import dev.castore.store.objectstore.spi.ObjectStore;
import dev.castore.api.chunking.FastCdc;
import dev.castore.store.objectstore.layout.ObjectKeys;
import dev.castore.store.objectstore.layout.ZstdCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Blobs in an object store, in the tvix/snix layout: each blob cut into FastCDC chunks stored
 * zstd-compressed under {@code chunks/b3/...}, and a chunk list under {@code blobs/b3/...}
 * (empty for blobs of fewer than two chunks) written last, so a blob is visible only once
 * complete. Every chunk read is verified against its digest before any of its bytes are served.
 */
public final class ObjectStoreBlobService implements BlobService, BlobDeletion, BlobListing {

    /** The largest chunk any FastCDC configuration can produce; larger objects are corrupt. */
    static final int MAX_CHUNK_SIZE = FastCdc.MAXIMUM_MAX;
    /** The largest object a chunk can be stored as: zstd's worst case over the largest chunk. */
    static final int MAX_STORED_CHUNK = MAX_CHUNK_SIZE + MAX_CHUNK_SIZE / 128 + 1024;

    /** Chunks of one writer being hashed, compressed and uploaded at the same time (S3 PUTs are latency-bound). */
    static final int UPLOADS_IN_FLIGHT = 8;

    /**
     * Upload threads of one service: enough for four writers at full speed, or more on machines of
     * more than four cores; the uploads of more writers wait their turn.
     */
    static final int UPLOAD_THREADS = Math.max(4, Runtime.getRuntime().availableProcessors()) * UPLOADS_IN_FLIGHT;

    /** {@link #callsInFlight()} of a store whose lookups are requests: small blobs are a request each. */
    static final int REMOTE_CALLS_IN_FLIGHT = 16;

    private static final B3Digest EMPTY_BLOB = Blake3.hash(new byte[0]);

    private final ObjectStore store;
    private final FastCdc chunker;
    private final ObjectHeads heads;
    private final ChunkFrames frames;
    /**
     * The uploads run on platform threads: a store's put may wait in native code (a file's write
     * and the start of its writeback through FFM), which would hold a carrier of the virtual threads
     * (see {@link NativeBlocking}). At most {@link #UPLOADS_IN_FLIGHT} per writer and
     * {@link #UPLOAD_THREADS} in all; idle threads end after a minute.
     */
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(UPLOAD_THREADS, UPLOAD_THREADS,
            1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), Thread.ofPlatform().name("castore-upload-", 1).daemon(true).factory());

    /** A service over {@code store} (owned: closed with the service) cutting chunks of {@code avgChunkSize} on average. */
    public ObjectStoreBlobService(ObjectStore store, int avgChunkSize) {
        this.store = store;
        this.chunker = FastCdc.forAverage(avgChunkSize);
        this.heads = new ObjectHeads(store);
        this.frames = ChunkFrames.forLargestChunk(chunker.maxSize());
        executor.allowCoreThreadTimeOut(true);
    }

    ObjectStore store() {
        return store;
    }

    FastCdc chunker() {
        return chunker;
    }

    /** Which objects this service's writers ask the store about before putting them. */
    ObjectHeads heads() {
        return heads;
    }

    /** The arrays this service's writers frame their chunks in, shared with the services of the same chunk size. */
    ChunkFrames frames() {
        return frames;
    }

    ExecutorService executor() {
        return executor;
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        return store.head(ObjectKeys.blob(digest)).isPresent() || store.head(ObjectKeys.chunk(digest)).isPresent();
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        Optional<InputStream> index = store.get(ObjectKeys.blob(digest));
        if (index.isPresent()) {
            byte[] bytes;
            try (InputStream in = index.get()) {
                bytes = in.readAllBytes();
            }
            try {
                return Optional.of(ChunkIndex.decode(bytes));
            } catch (CorruptDataException e) {
                throw new CorruptDataException(store.location() + " " + ObjectKeys.blob(digest) + ": " + e.getMessage(), e);
            }
        }
        return store.head(ObjectKeys.chunk(digest)).isPresent() ? Optional.of(List.of()) : Optional.empty();
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        if (digest.equals(EMPTY_BLOB)) {
            return Optional.of(ByteBufferBlobReader.of(new byte[0]));
        }
        Optional<ByteBuffer> whole = fetchChunk(digest, -1);
        if (whole.isPresent()) {
            verify(new ChunkMeta(digest, whole.get().remaining()), whole.get());
            return Optional.of(new ByteBufferBlobReader(List.of(whole.get())));
        }
        Optional<List<ChunkMeta>> chunks = chunks(digest);
        if (chunks.isEmpty()) {
            return Optional.empty();
        }
        if (chunks.get().isEmpty()) {
            throw new StorageException(store.location() + ": blob " + digest.toHex()
                    + " has an index without chunks, but its chunk " + ObjectKeys.chunk(digest) + " is missing");
        }
        return Optional.of(new ChunkedBlobReader(digest, chunks.get(), new ObjectStoreChunkFetcher(this, digest, chunks.get())));
    }

    /** Every blob, listed from the keys of the chunk lists ({@link ObjectStoreBlobListing}). */
    @Override
    public Cursor<ListedBlob> list() throws IOException {
        return new ObjectStoreBlobListing(this);
    }

    /**
     * The size of a stored blob: the sum of its chunk list, or for a blob of one chunk the size
     * of that chunk as its zstd frame states it; empty when the blob is not stored (any more).
     */
    Optional<Long> size(B3Digest digest) throws IOException {
        Optional<List<ChunkMeta>> chunks = chunks(digest);
        if (chunks.isEmpty()) {
            return Optional.empty();
        }
        if (!chunks.get().isEmpty()) {
            return Optional.of(chunks.get().stream().mapToLong(ChunkMeta::size).sum());
        }
        if (digest.equals(EMPTY_BLOB)) {
            return Optional.of(0L);
        }
        String key = ObjectKeys.chunk(digest);
        Optional<byte[]> compressed = storedChunk(key);
        if (compressed.isEmpty()) {
            if (store.head(ObjectKeys.blob(digest)).isEmpty()) {
                return Optional.empty(); // deleted meanwhile
            }
            throw new StorageException(store.location() + ": blob " + digest.toHex()
                    + " has an index without chunks, but its chunk " + key + " is missing");
        }
        return Optional.of(ZstdCodec.decompressedSize(compressed.get(), MAX_CHUNK_SIZE, store.location() + " " + key));
    }

    /**
     * The decompressed bytes stored under the chunk key of {@code digest}, not yet verified: for a
     * chunk stored raw, a view of the array it was read into (no copy, no call into zstd).
     */
    Optional<ByteBuffer> fetchChunk(B3Digest digest, long expectedSize) throws IOException {
        return fetchChunk(digest, expectedSize, ByteBuffer.allocate(0)); // read into an array of its own
    }

    /**
     * {@link #fetchChunk(B3Digest, long)}, read into {@code scratch} when the stored chunk fits in
     * it: a chunk stored as raw blocks (most chunks of large files) is then {@code scratch} itself,
     * from its start.
     */
    Optional<ByteBuffer> fetchChunk(B3Digest digest, long expectedSize, ByteBuffer scratch) throws IOException {
        String key = ObjectKeys.chunk(digest);
        Optional<ByteBuffer> stored = store.getBytes(key, MAX_STORED_CHUNK + 1, scratch);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (stored.get().remaining() > MAX_STORED_CHUNK) {
            throw tooLarge(key);
        }
        return Optional.of(ZstdCodec.decompressInPlace(stored.get(), sizeHint(expectedSize), MAX_CHUNK_SIZE,
                store.location() + " " + key));
    }

    private static int sizeHint(long expectedSize) {
        return expectedSize >= 0 && expectedSize <= MAX_CHUNK_SIZE ? (int) expectedSize : -1;
    }

    /** The zstd frame stored under the chunk key {@code key}, read into one array and bounded. */
    private Optional<byte[]> storedChunk(String key) throws IOException {
        // A frame of raw blocks is the largest a chunk can be; anything longer is not a chunk.
        Optional<byte[]> compressed = store.getBytes(key, MAX_STORED_CHUNK + 1);
        if (compressed.isPresent() && compressed.get().length > MAX_STORED_CHUNK) {
            throw tooLarge(key);
        }
        return compressed;
    }

    private CorruptDataException tooLarge(String key) {
        return new CorruptDataException(store.location() + " " + key + " is larger than any stored chunk can be ("
                + MAX_STORED_CHUNK + " bytes)");
    }

    /** Verifies a chunk, naming its key when it does not match. */
    void verify(ChunkMeta meta, ByteBuffer data) throws CorruptDataException {
        try {
            ChunkedBlobReader.verify(meta, data);
        } catch (CorruptDataException e) {
            throw new CorruptDataException(store.location() + " " + ObjectKeys.chunk(meta.digest()) + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public BlobWriter openWriter() {
        return openWriter(Durability.ON_COMMIT);
    }

    @Override
    public BlobWriter openWriter(Durability durability) {
        return new ObjectStoreBlobWriter(this, durability);
    }

    /**
     * Deletes the blob's chunk list first, so the blob stops being visible before anything it
     * is read from goes, then its whole-blob chunk; chunks the list names are kept.
     */
    @Override
    public void delete(B3Digest digest) throws IOException {
        store.delete(ObjectKeys.blob(digest));
        store.delete(ObjectKeys.chunk(digest));
    }

    @Override
    public void sync() throws IOException {
        store.sync();
    }

    @Override
    public void checkWritable() throws IOException {
        store.checkWritable();
    }

    /** A store whose lookups are requests (S3) waits a round trip for each lookup and each commit. */
    @Override
    public int callsInFlight() {
        return store.headIsARequest() ? REMOTE_CALLS_IN_FLIGHT : 0;
    }

    @Override
    public void close() throws IOException {
        executor.shutdownNow();
        store.close();
    }

    @Override
    public String toString() {
        return "objectstore blob service at " + store.location();
    }
}
