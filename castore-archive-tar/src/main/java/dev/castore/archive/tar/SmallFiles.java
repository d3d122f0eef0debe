package dev.castore.archive.tar;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.model.FileNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;

/**
 * The writes of an archive's small files into a store that keeps calls in flight, on threads of
 * their own while the archive is read on: a tar stream is read in order on one thread, and a store
 * across a network answers each commit after a round trip, which one file after the other would
 * wait for file by file. Each small file is read whole (at most {@link #SMALL} bytes) and written
 * {@link Durability#ON_SYNC} by one of {@link BlobService#callsInFlight()} threads; the files read
 * and not yet written hold at most {@link #BUDGET} bytes, beyond which reading waits. (A local
 * store, which keeps none in flight, is not written this way unless the caller says it does:
 * handing the files over cost the embedded default store more than it gained.) The first write
 * that fails fails the import at the next file handed over, or at {@link #awaitAll()}; the files
 * after it are not written.
 */
final class SmallFiles implements AutoCloseable {

    /** Files of at most this many bytes are written on the side; larger ones stream as they are read. */
    static final int SMALL = 1 << 20;

    /** The bytes of the files read and not yet written, at most; each file counts {@link #OVERHEAD} more. */
    static final int BUDGET = 32 << 20;

    private static final int OVERHEAD = 1024;

    private final BlobService blobs;
    private final LongConsumer stored;
    private final ExecutorService threads;
    private final Semaphore budget = new Semaphore(BUDGET);
    private volatile Throwable failure;

    /** Writes into {@code blobs} on as many threads as it keeps calls in flight, at least one. */
    SmallFiles(BlobService blobs, LongConsumer stored) {
        this.blobs = blobs;
        this.stored = stored;
        this.threads = Executors.newFixedThreadPool(Math.max(1, blobs.callsInFlight()), r -> {
            Thread t = new Thread(r, "castore-archive-write");
            t.setDaemon(true);
            return t;
        });
    }

    /** The node of the file of {@code length} bytes of {@code contents}, once written. */
    Future<FileNode> write(byte[] contents, int length, boolean executable) throws IOException {
        int charge = length + OVERHEAD;
        acquire(charge);
        rethrowFailure();
        CompletableFuture<FileNode> node = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                if (failure == null) {
                    node.complete(store(contents, length, executable));
                } else {
                    node.cancel(false);
                }
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                }
                node.completeExceptionally(t);
            } finally {
                budget.release(charge);
            }
        });
        return node;
    }

    private FileNode store(byte[] contents, int length, boolean executable) throws IOException {
        try (BlobWriter writer = blobs.openWriter(Durability.ON_SYNC)) {
            writer.expect(length);
            writer.write(contents, 0, length);
            FileNode node = new FileNode(writer.commit(), length, executable);
            stored.accept(length);
            return node;
        }
    }

    /** Waits until every file handed over is written; throws what the first failed write threw. */
    void awaitAll() throws IOException {
        acquire(BUDGET);
        budget.release(BUDGET);
        rethrowFailure();
    }

    private void acquire(int permits) throws InterruptedIOException {
        try {
            budget.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the archive's files");
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        switch (t) {
            case IOException io -> throw io;
            case RuntimeException r -> throw r;
            case Error e -> throw e;
            default -> throw new IOException("writing the archive's files failed: " + t, t);
        }
    }

    /** Stops the writes not yet begun (after a failure); the ones under way end with their store call. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
