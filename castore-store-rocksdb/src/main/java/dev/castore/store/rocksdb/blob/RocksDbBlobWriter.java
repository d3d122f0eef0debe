package dev.castore.store.rocksdb.blob;

import dev.castore.api.StorageException;
import dev.castore.api.blob.ChunkIndex;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.chunking.ChunkingBlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.HashingPool;
import dev.castore.store.rocksdb.db.Family;
import dev.castore.store.rocksdb.db.StoreDatabase;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes one blob: the caller's thread hashes the stream and cuts chunks, and stores each chunk
 * the store does not have yet, straight from the chunker's buffer. A blob of one chunk (most
 * files) is hashed once, its chunk digest being the blob digest. A blob announced large while no
 * other writer of the process is open ({@link #OPEN}) is hashed on the cores, and its chunks
 * are copied and handed to a thread of the writer's that hashes and stores them, one after the
 * other and in order, while the caller cuts the next ones: at most
 * {@link #IN_FLIGHT} wait or are being stored, in arrays that are reused. The chunk list is
 * written by {@link #commit()}, after its chunks, so a blob is visible only whole; the first
 * chunk that fails to be stored fails the next write and the commit. A writer closed without
 * commit may leave chunks, never a blob.
 */
final class RocksDbBlobWriter extends ChunkingBlobWriter {

    /** Chunks of one blob waiting to be stored or being stored, each a copy of at most a chunk's size. */
    static final int IN_FLIGHT = 4;

    /**
     * The writers of the process not yet committed, failed or closed. Only a writer alone hashes
     * and stores on threads of its own: a large blob written alone gets the cores, while the files
     * of a tree, written side by side, already keep them busy without more copies, threads and
     * memory (a tree of 47,000 files and 1 GB took 10 % longer and 27 MB more when every large file
     * had a thread of its own).
     */
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final StoreDatabase db;
    private final Durability durability;
    private final int maxChunk;
    private final List<ChunkMeta> chunks = new ArrayList<>();
    /** Chunks of a blob of several taken by {@link #chunk}: the list has them all before the blob is published. */
    private int handedOver;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    /**
     * Arrays of the chunks stored, for the next copies (no zeroing of new ones): a stack, the one
     * stored last taken first, its bytes likelier still in the caches.
     */
    private final ConcurrentLinkedDeque<byte[]> spare = new ConcurrentLinkedDeque<>();
    private final AtomicReference<IOException> storeFailure = new AtomicReference<>();
    /** The thread that hashes and stores the chunks of a blob of several, in order; made at its first chunk. */
    private ExecutorService storing;
    /** This writer is counted in {@link #OPEN}. */
    private boolean counted = true;
    /** The blob was announced large while the writer was alone: its chunks are stored on its thread. */
    private boolean pipelined;
    /** The blob was one chunk, stored under the blob's digest. */
    private boolean whole;
    /** For a durable commit: the index entries of the chunks stored so far, written by the commit. */
    private StoreDatabase.Staged staged;

    RocksDbBlobWriter(RocksDbBlobService service, Durability durability) {
        super(service.chunker());
        this.db = service.database();
        this.durability = durability;
        this.maxChunk = service.chunker().maxSize();
        OPEN.incrementAndGet();
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
        handedOver++;
        if (!pipelined) {
            store(buffer, offset, length);
            return;
        }
        written();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to store a chunk");
        }
        byte[] copy = spare.poll();
        if (copy == null) {
            copy = new byte[Math.max(maxChunk, length)];
        }
        System.arraycopy(buffer, offset, copy, 0, length);
        byte[] chunk = copy;
        try {
            storing().execute(() -> {
                try {
                    if (storeFailure.get() == null) {
                        store(chunk, 0, length);
                    }
                } catch (IOException | RuntimeException | Error e) {
                    // Recorded whatever it is, or the commit would publish the blob without this chunk.
                    storeFailure.compareAndSet(null, e instanceof IOException io ? io
                            : new StorageException("storing a chunk in " + location() + " failed: " + e, e));
                    if (e instanceof Error error) {
                        throw error;
                    }
                } finally {
                    try {
                        spare.push(chunk);
                    } finally {
                        inFlight.release(); // whatever happened, or the writer waits for ever
                    }
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            throw new StorageException("cannot start storing a chunk: " + e, e);
        } catch (Error e) {
            inFlight.release();
            throw e;
        }
    }

    /** A large blob written while no other writer is open, with cores to spare: hashed on them, stored on a thread. */
    @Override
    protected boolean hashesOnTheCores(long bytes) {
        pipelined = super.hashesOnTheCores(bytes) && OPEN.get() == 1 && HashingPool.parallel();
        return pipelined;
    }

    private ExecutorService storing() {
        if (storing == null) {
            storing = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("castore-chunk-store").factory());
        }
        return storing;
    }

    /** Hashes and stores one chunk of a blob of several, after the chunk before it. */
    private void store(byte[] buffer, int offset, int length) throws IOException {
        B3Digest d = Blake3.hash(buffer, offset, length);
        if (!db.contains(Family.SIZES, d)) {
            db.putChunk(d, buffer, offset, length, staged());
        }
        chunks.add(new ChunkMeta(d, length));
    }

    /** Fails the write when storing a chunk failed, with the failure as the store reported it. */
    @Override
    protected void written() throws IOException {
        IOException failure = storeFailure.get();
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits until every chunk handed over is stored (or skipped after a failure). */
    private void settle() {
        inFlight.acquireUninterruptibly(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
    }

    @Override
    protected void publish(B3Digest blob) throws IOException {
        settle();
        written();
        if (chunks.size() != handedOver) {
            throw new StorageException("writing a blob to " + location() + ": " + (handedOver - chunks.size())
                    + " of its " + handedOver + " chunks were not stored");
        }
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
        if (storing != null) {
            storing.shutdown();
            storing = null;
        }
        if (counted) {
            counted = false;
            OPEN.decrementAndGet();
        }
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
        settle();
        release();
    }

    @Override
    protected void closed(boolean discarded) {
        settle();
        release();
    }
}
