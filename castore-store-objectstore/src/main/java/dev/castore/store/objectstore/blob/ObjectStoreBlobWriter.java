package dev.castore.store.objectstore.blob;

import dev.castore.api.StorageException;
import dev.castore.api.blob.ChunkIndex;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.chunking.ChunkingBlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.store.objectstore.layout.ObjectKeys;
import dev.castore.store.objectstore.layout.ZstdCodec;
import dev.castore.store.objectstore.spi.ObjectStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes one blob: the caller's thread cuts chunks while the whole stream is hashed on the
 * cores ({@link Blake3#newParallelHasher()}); each chunk is copied once, into the zstd frame of
 * raw blocks it is stored as unless it compresses ({@link ZstdCodec#chunkObject}; the arrays of
 * large frames are reused, {@link ChunkFrames}), then hashed
 * (unless it is the whole blob, whose digest it shares), checked for (HEAD; on S3 only a few of
 * the objects of new data, see {@link ObjectHeads}), compressed when a sample of it compresses, and
 * uploaded in the background, at most
 * {@link ObjectStoreBlobService#UPLOADS_IN_FLIGHT} at a time, so the heap holds a bounded number
 * of chunks whatever the blob size. The chunk list is written by {@link #commit()} after every
 * chunk is stored, and made durable with the chunks then ({@link Durability#ON_COMMIT}) or at the
 * next {@link ObjectStoreBlobService#sync()}. The first failed upload fails the next write and
 * the commit.
 */
final class ObjectStoreBlobWriter extends ChunkingBlobWriter {

    private final ObjectStoreBlobService service;
    private final ObjectStore store;
    private final Durability durability;
    private final Semaphore inFlight = new Semaphore(ObjectStoreBlobService.UPLOADS_IN_FLIGHT);
    private final List<Future<ChunkMeta>> uploads = new ArrayList<>();
    private final AtomicReference<IOException> uploadFailure = new AtomicReference<>();
    private final ObjectHeads heads;
    private final ChunkFrames frames;
    private volatile boolean abandoned;

    ObjectStoreBlobWriter(ObjectStoreBlobService service, Durability durability) {
        super(Blake3.newParallelHasher(), service.chunker());
        this.service = service;
        this.durability = durability;
        this.store = service.store();
        this.heads = service.heads();
        this.frames = service.frames();
    }

    @Override
    protected void chunk(byte[] buffer, int offset, int length, B3Digest whole) throws IOException {
        rethrowUploadFailure();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to upload a chunk");
        }
        try {
            // The chunk's one copy: into the frame of raw blocks it is stored as, unless it
            // compresses, in an array that the upload hands back for a later chunk.
            byte[] frame = frames.take(length);
            int frameLength = ZstdCodec.rawFrame(buffer, offset, length, frame);
            boolean ask = heads.ask();
            uploads.add(service.executor().submit(() -> upload(frame, frameLength, length, whole, ask)));
        } catch (RuntimeException e) {
            inFlight.release();
            throw new StorageException("cannot start a chunk upload: " + e, e);
        } catch (Error e) {
            inFlight.release();
            throw e;
        }
    }

    /**
     * Stores the chunk of {@code length} bytes that the first {@code frameLength} bytes of
     * {@code frame} hold in raw blocks, unless {@code ask} and the store has it, then hands
     * {@code frame} back; {@code known} is its digest when the chunk is the whole blob, else null.
     */
    private ChunkMeta upload(byte[] frame, int frameLength, int length, B3Digest known, boolean ask) throws IOException {
        try {
            B3Digest d = known != null ? known : digest(frame, frameLength);
            String key = ObjectKeys.chunk(d);
            // Not when the writer was abandoned before the HEAD, or while it waited for it.
            if (!abandoned && !found(key, ask) && !abandoned) {
                ByteBuffer object = ZstdCodec.chunkObject(frame, frameLength);
                store.put(key, object.array(), object.arrayOffset() + object.position(), object.remaining());
            }
            return new ChunkMeta(d, length);
        } catch (IOException | RuntimeException | Error e) {
            IOException io = e instanceof IOException ioe ? ioe
                    : new StorageException("chunk upload to " + store.location() + " failed: " + e, e);
            // Fails the next write, not only the commit; an Error itself ends the task as it is.
            uploadFailure.compareAndSet(null, io);
            if (e instanceof Error error) {
                throw error;
            }
            throw io;
        } finally {
            try {
                // The store is done with it: a put reads its bytes only until it returns.
                frames.giveBack(frame);
            } finally {
                inFlight.release(); // whatever happened, or the writer waits for ever
            }
        }
    }

    /**
     * Whether the store has {@code key}, when {@code ask} says to ask it (a HEAD, whose answer
     * {@link ObjectHeads} records); false without asking.
     */
    private boolean found(String key, boolean ask) throws IOException {
        if (!ask) {
            return false;
        }
        boolean present = store.head(key).isPresent();
        heads.answered(present);
        return present;
    }

    /** The digest of the chunk in the first {@code frameLength} bytes of {@code frame}, read block by block where it lies. */
    private static B3Digest digest(byte[] frame, int frameLength) {
        Blake3Hasher hasher = Blake3.newHasher();
        ZstdCodec.rawContent(frame, frameLength, hasher::update);
        return hasher.digest();
    }

    @Override
    protected void written() throws IOException {
        rethrowUploadFailure();
    }

    private void rethrowUploadFailure() throws IOException {
        IOException e = uploadFailure.get();
        if (e != null) {
            String m = String.valueOf(e.getMessage());
            // Named once: the object store's own message may name the store already.
            throw new StorageException("storing a chunk of the blob" + (m.contains(store.location()) ? "" : " in "
                    + store.location()) + " failed: " + m, e);
        }
    }

    @Override
    protected void publish(B3Digest blob) throws IOException {
        List<ChunkMeta> chunks = awaitUploads();
        String key = ObjectKeys.blob(blob);
        if (!found(key, heads.ask())) {
            store.put(key, ChunkIndex.encode(chunks.size() < 2 ? List.of() : chunks));
        }
        if (durability == Durability.ON_COMMIT) {
            store.sync();
        }
    }

    @Override
    protected String location() {
        return store.location();
    }

    private List<ChunkMeta> awaitUploads() throws IOException {
        List<ChunkMeta> out = new ArrayList<>(uploads.size());
        for (Future<ChunkMeta> f : uploads) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                rethrowUploadFailure();
                throw new StorageException("chunk upload to " + store.location() + " failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for chunk uploads");
            } catch (CancellationException e) {
                throw new StorageException("chunk upload to " + store.location() + " was cancelled (service closed?)", e);
            }
        }
        return out;
    }

    @Override
    protected void failed() {
        abandon();
    }

    private void abandon() {
        abandoned = true;
        for (Future<ChunkMeta> f : uploads) {
            f.cancel(true);
        }
    }

    @Override
    protected void closed(boolean discarded) {
        if (discarded) {
            abandon();
        } else {
            uploads.clear();
        }
    }
}
