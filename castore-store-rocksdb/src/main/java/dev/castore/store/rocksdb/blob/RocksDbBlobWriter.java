package dev.castore.store.rocksdb.blob;

import dev.castore.api.StorageException;
import dev.castore.api.blob.ChunkIndex;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.chunking.ChunkingBlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.store.rocksdb.db.Family;
import dev.castore.store.rocksdb.db.StoreDatabase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one blob on the caller's thread: hashes the stream, cuts chunks, stores each chunk the
 * store does not have yet, straight from the chunker's buffer. A blob of one chunk (most files)
 * is hashed once, its chunk digest being the blob digest. The chunk list of a multi-chunk blob is
 * written by {@link #commit()}, after its chunks, so a blob is visible only whole. A writer
 * closed without commit may leave chunks, never a blob.
 */
final class RocksDbBlobWriter extends ChunkingBlobWriter {

    private final StoreDatabase db;
    private final Durability durability;
    private final List<ChunkMeta> chunks = new ArrayList<>();
    /** The blob was one chunk, stored under the blob's digest. */
    private boolean whole;
    /** For a durable commit: the index entries of the chunks stored so far, written by the commit. */
    private StoreDatabase.Staged staged;

    RocksDbBlobWriter(RocksDbBlobService service, Durability durability) {
        super(Blake3.newHasher(), service.chunker());
        this.db = service.database();
        this.durability = durability;
    }

    @Override
    protected void chunk(byte[] buffer, int offset, int length, B3Digest blob) throws IOException {
        if (blob != null) {
            if (!db.contains(Family.SIZES, blob)) {
                db.putChunk(blob, buffer, offset, length, staged());
            }
            whole = true;
            return;
        }
        B3Digest d = Blake3.hash(buffer, offset, length);
        if (!db.contains(Family.SIZES, d)) {
            db.putChunk(d, buffer, offset, length, staged());
        }
        chunks.add(new ChunkMeta(d, length));
    }

    @Override
    protected void publish(B3Digest blob) throws IOException {
        if (chunks.isEmpty()) {
            // One chunk, stored under the blob's digest, or the empty blob.
            if (!whole && !db.contains(Family.SIZES, blob)) {
                db.putChunk(blob, new byte[0], 0, 0, staged());
            }
            if (staged != null) {
                db.commit(staged, null, null, null);
            } else if (durability == Durability.ON_COMMIT) {
                db.syncEverything();
            }
        } else if (!db.contains(Family.BLOBS, blob)) {
            if (durability == Durability.ON_COMMIT) {
                db.commit(staged(), Family.BLOBS, blob, ChunkIndex.encode(chunks));
            } else {
                db.put(Family.BLOBS, blob, ChunkIndex.encode(chunks), durability);
            }
        } else if (durability == Durability.ON_COMMIT) {
            db.syncEverything();
        }
        release();
    }

    /** The staged index entries for a durable commit; none (null) for a later sync. */
    private StoreDatabase.Staged staged() {
        if (durability == Durability.ON_COMMIT && staged == null) {
            staged = db.stage();
        }
        return staged;
    }

    private void release() {
        if (staged != null) {
            staged.close();
            staged = null;
        }
    }

    @Override
    protected String location() {
        return "rocksdb store " + db.directory();
    }

    @Override
    protected void failed() {
        release();
    }

    @Override
    protected void closed(boolean discarded) {
        release();
    }
}
