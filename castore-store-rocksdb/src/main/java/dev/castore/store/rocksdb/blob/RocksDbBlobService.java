package dev.castore.store.rocksdb.blob;

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
import dev.castore.api.blob.FetchBuffers;
import dev.castore.api.blob.ListedBlob;
import dev.castore.api.chunking.FastCdc;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.rocksdb.db.Family;
import dev.castore.store.rocksdb.db.StoreDatabase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Blobs in a store database: each blob cut into FastCDC chunks, every chunk stored once under its
 * digest, in a pack file or, when small, in the database (see {@link StoreDatabase}); a blob of
 * one chunk is just that chunk, since its digest is the blob's; for blobs of two or more chunks
 * the chunk list, written after its chunks. Every chunk read is verified
 * against its BLAKE3 before any of its bytes are served.
 */
public final class RocksDbBlobService implements BlobService, BlobDeletion, BlobListing {

    private final StoreDatabase db;
    private final FastCdc chunker;
    private boolean closed;

    /** A service over {@code db} (one reference, released on close), cutting chunks of {@code avgChunkSize} on average. */
    public RocksDbBlobService(StoreDatabase db, int avgChunkSize) {
        this.db = db;
        this.chunker = FastCdc.forAverage(avgChunkSize);
    }

    StoreDatabase database() {
        return db;
    }

    /** The database, for tests of the store's files. */
    public StoreDatabase databaseForTests() {
        return db;
    }

    FastCdc chunker() {
        return chunker;
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        return db.contains(Family.SIZES, digest) || db.contains(Family.BLOBS, digest);
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        Optional<byte[]> index = db.get(Family.BLOBS, digest);
        if (index.isPresent()) {
            try {
                return Optional.of(ChunkIndex.decode(index.get()));
            } catch (CorruptDataException e) {
                throw new CorruptDataException(where(digest) + ": " + e.getMessage(), e);
            }
        }
        return db.contains(Family.SIZES, digest) ? Optional.of(List.of()) : Optional.empty();
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        Optional<byte[]> whole = db.chunk(digest);
        if (whole.isPresent()) {
            verify(new ChunkMeta(digest, whole.get().length), whole.get());
            return Optional.of(ByteBufferBlobReader.of(whole.get()));
        }
        Optional<List<ChunkMeta>> chunks = chunks(digest);
        if (chunks.isEmpty()) {
            return Optional.empty();
        }
        if (chunks.get().isEmpty()) {
            throw new CorruptDataException(where(digest) + ": the chunk list of blob " + digest.toHex() + " is empty");
        }
        return Optional.of(new ChunkedBlobReader(digest, chunks.get(), new Fetcher(digest, chunks.get())));
    }

    /**
     * The chunks of one blob: those stored in a pack as they are read into {@link FetchBuffers}
     * (the kernel's copy, and no other), those compressed or kept in the database into arrays.
     */
    private final class Fetcher implements ChunkedBlobReader.ChunkFetcher {
        private final B3Digest blob;
        private final FetchBuffers buffers;

        Fetcher(B3Digest blob, List<ChunkMeta> chunks) {
            this.blob = blob;
            long largest = chunks.stream().mapToLong(ChunkMeta::size).max().orElse(0);
            // A list that names a larger chunk is wrong, and its reads fail on the chunk's digest.
            this.buffers = new FetchBuffers((int) Math.min(largest, FastCdc.MAXIMUM_MAX), FetchBuffers.DEFAULT_KEEP);
        }

        @Override
        public ByteBuffer fetch(int index, ChunkMeta meta) throws IOException {
            return buffers.read(scratch -> db.chunk(meta.digest(), scratch).orElseThrow(() -> new StorageException(
                    where(meta.digest()) + ": chunk " + index + " of blob " + blob.toHex() + " is missing")));
        }

        @Override
        public void release(ByteBuffer fetched) {
            buffers.giveBack(fetched);
        }

        @Override
        public String describe(int index, ChunkMeta meta) {
            return where(meta.digest());
        }
    }

    private void verify(ChunkMeta meta, byte[] data) throws CorruptDataException {
        try {
            ChunkedBlobReader.verify(meta, ByteBuffer.wrap(data));
        } catch (CorruptDataException e) {
            throw new CorruptDataException(where(meta.digest()) + ": " + e.getMessage(), e);
        }
    }

    private String where(B3Digest digest) {
        return "rocksdb store " + db.directory() + ", " + digest.toHex();
    }

    @Override
    public BlobWriter openWriter() {
        return new RocksDbBlobWriter(this, Durability.ON_COMMIT);
    }

    @Override
    public BlobWriter openWriter(Durability durability) {
        return new RocksDbBlobWriter(this, durability);
    }

    /** Deletes the blob's chunk list and whole-blob chunk in one batch; chunks the list names are kept. */
    @Override
    public void delete(B3Digest digest) throws IOException {
        db.deleteBlob(digest);
    }

    /** Every blob, from one snapshot of the database ({@link RocksDbBlobListing}). */
    @Override
    public Cursor<ListedBlob> list() {
        return new RocksDbBlobListing(db);
    }

    @Override
    public void sync() throws IOException {
        db.sync();
    }

    @Override
    public void checkWritable() throws IOException {
        db.checkWritable();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            db.release();
        }
    }

    @Override
    public String toString() {
        return "rocksdb blob service at " + db.directory();
    }
}
