package dev.castore.store.rocksdb.blob;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkIndex;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.chunking.ChunkingBuffer;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.store.rocksdb.db.Family;
import dev.castore.store.rocksdb.db.StoreDatabase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one blob on the caller's thread: hashes the stream, cuts chunks, stores each chunk the
 * store does not have yet. The first chunk is held back until a second one exists: a blob of one
 * chunk (most files) is then hashed once, its chunk digest being the blob digest. The chunk list
 * of a multi-chunk blob is written by {@link #commit()}, after its chunks, so a blob is visible
 * only whole. A writer closed without commit may leave chunks, never a blob.
 */
final class RocksDbBlobWriter implements BlobWriter {

    private enum State { OPEN, COMMITTED, FAILED, CLOSED }

    private final StoreDatabase db;
    private final Durability durability;
    private final Blake3Hasher hasher = Blake3.newHasher();
    private final ChunkingBuffer chunker;
    private final List<ChunkMeta> chunks = new ArrayList<>();
    private byte[] held;
    private State state = State.OPEN;
    private B3Digest digest;
    private IOException failure;

    RocksDbBlobWriter(RocksDbBlobService service, Durability durability) {
        this.db = service.database();
        this.durability = durability;
        this.chunker = new ChunkingBuffer(service.chunker(), this::chunk);
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        ensureOpen();
        int n = src.remaining();
        try {
            hasher.update(src.duplicate());
            chunker.write(src);
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
        return n;
    }

    private void chunk(byte[] data) throws IOException {
        if (held == null && chunks.isEmpty()) {
            held = data;
            return;
        }
        if (held != null) {
            store(held);
            held = null;
        }
        store(data);
    }

    private void store(byte[] data) throws StorageException {
        B3Digest d = Blake3.hash(data);
        if (!db.contains(Family.SIZES, d)) {
            db.putPart(Family.CHUNKS, d, data, durability);
        }
        chunks.add(new ChunkMeta(d, data.length));
    }

    @Override
    public synchronized B3Digest commit() throws IOException {
        switch (state) {
            case COMMITTED -> { return digest; }
            case FAILED -> throw failure;
            case CLOSED -> throw new ClosedChannelException();
            case OPEN -> { }
        }
        try {
            chunker.finish();
            B3Digest blob = hasher.digest();
            if (chunks.isEmpty()) {
                // One chunk (or the empty blob): the chunk is the blob.
                byte[] only = held == null ? new byte[0] : held;
                if (!db.contains(Family.SIZES, blob)) {
                    db.put(Family.CHUNKS, blob, only, durability);
                } else if (durability == Durability.ON_COMMIT) {
                    db.syncEverything();
                }
                held = null;
            } else if (!db.contains(Family.BLOBS, blob)) {
                db.put(Family.BLOBS, blob, ChunkIndex.encode(chunks), durability);
            } else if (durability == Durability.ON_COMMIT) {
                db.syncEverything();
            }
            digest = blob;
            state = State.COMMITTED;
            return blob;
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    private IOException fail(Exception e) {
        IOException io = e instanceof IOException ioe ? ioe
                : new StorageException("writing a blob to rocksdb store " + db.directory() + " failed: " + e, e);
        failure = io;
        state = State.FAILED;
        held = null;
        return io;
    }

    private void ensureOpen() throws IOException {
        switch (state) {
            case OPEN -> { }
            case COMMITTED -> throw new InvalidRequestException("blob writer already committed");
            case FAILED -> throw failure;
            case CLOSED -> throw new ClosedChannelException();
        }
    }

    @Override
    public synchronized boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public synchronized void close() {
        if (state == State.OPEN) {
            state = State.CLOSED;
        }
        held = null;
    }
}
