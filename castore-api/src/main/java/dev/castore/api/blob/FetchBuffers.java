package dev.castore.api.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers of one capacity for a {@link ChunkedBlobReader.ChunkFetcher} to read chunks
 * into, reused once the reader hands them back ({@link ChunkedBlobReader.ChunkFetcher#release}).
 * A chunk read from a file into one of them is copied by the kernel and by nothing else: it is
 * verified and served from there, and written to a file or standard output without the JDK's copy
 * into a direct buffer of its own, where an array per chunk also cost zeroing it and collecting it.
 * A reader holds its read-ahead plus two of them at most. Thread-safe.
 */
public final class FetchBuffers {

    /** Buffers to keep for a reader with {@link ChunkedBlobReader#DEFAULT_READ_AHEAD}: its pieces ahead, the current one, one on its way back. */
    public static final int DEFAULT_KEEP = ChunkedBlobReader.DEFAULT_READ_AHEAD + 2;

    private final int capacity;
    private final int keep;
    // A stack: the buffer handed back last is taken first, its bytes likelier still in the caches.
    private final ConcurrentLinkedDeque<ByteBuffer> spare = new ConcurrentLinkedDeque<>();
    private final AtomicInteger allocated = new AtomicInteger();

    /** Buffers of {@code capacity} bytes, at most {@code keep} of them kept for reuse. */
    public FetchBuffers(int capacity, int keep) {
        if (capacity < 0 || keep < 0) {
            throw new IllegalArgumentException("capacity " + capacity + ", keep " + keep);
        }
        this.capacity = capacity;
        this.keep = keep;
    }

    /** The capacity of every buffer. */
    public int capacity() {
        return capacity;
    }

    /** A buffer handed back before, or a new one; its content and position are undefined. */
    public ByteBuffer take() {
        ByteBuffer b = spare.poll();
        if (b == null) {
            b = ByteBuffer.allocateDirect(capacity);
            allocated.incrementAndGet();
        }
        return b;
    }

    /** A read into a buffer of {@link FetchBuffers}. */
    @FunctionalInterface
    public interface Read {
        /** The bytes read: in {@code scratch} itself (from its start), or in a buffer of their own. */
        ByteBuffer read(ByteBuffer scratch) throws IOException;
    }

    /**
     * Runs {@code read} with a buffer from {@link #take}, and gives the buffer back at once unless
     * the result is that buffer (it then comes back through {@link #giveBack} once the reader is
     * done with it), also when {@code read} fails.
     */
    public ByteBuffer read(Read read) throws IOException {
        ByteBuffer scratch = take();
        ByteBuffer result;
        try {
            result = read.read(scratch);
        } catch (IOException | RuntimeException e) {
            giveBack(scratch);
            throw e;
        }
        if (result != scratch) {
            giveBack(scratch);
        }
        return result;
    }

    /**
     * Keeps {@code buffer} for a later {@link #take} when it is one of these (direct, of this
     * capacity: the callers' stores return the buffer they were given, or arrays) and fewer than
     * {@code keep} wait; anything else is left to the collector.
     */
    public void giveBack(ByteBuffer buffer) {
        if (buffer.isDirect() && buffer.capacity() == capacity && spare.size() < keep) {
            spare.push(buffer);
        }
    }

    /** How many buffers {@link #take} has allocated so far. */
    public int allocated() {
        return allocated.get();
    }
}
