package dev.castore.api.chunking;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * Push-style streaming chunker: bytes go in with {@link #write}, chunks come out through a
 * {@link ChunkSink}. It behaves like the crate's stream chunker, which refills a buffer of
 * {@code max} bytes to the brim (or to the end of input) before every cut; the boundaries
 * therefore depend only on the data, never on how it was split into writes.
 *
 * <p>A cut happens when {@code max} bytes are buffered and more arrive, or at {@link #finish()}.
 * So a blob that fits one chunk is handed out only at the end. Each chunk is lent to the sink
 * where it lies in the buffer, without a copy.
 *
 * <p>Memory: one buffer. A large one holds {@code 2 * max} bytes: chunks are cut one after the
 * other in it, and only the bytes after the last cut move to its start when it is full. Large
 * buffers are kept for the next blob in a small pool shared by all chunkers ({@link #finish()}
 * gives the buffer back), so a stream of blobs whose sizes are announced by {@link #expect}
 * allocates none. A blob announced shorter than a large buffer when the pool is empty gets a
 * buffer of its size, allocated once; one of unknown size starts small and grows. Not
 * thread-safe.
 */
public final class ChunkingBuffer {

    /** Receives each chunk in order. */
    @FunctionalInterface
    public interface ChunkSink {
        /**
         * Takes {@code length} bytes of {@code buffer} from {@code offset}, lent for this call
         * only: a sink that keeps them copies them. {@code whole} is true when the chunk is the
         * whole stream (the first chunk, handed out by {@link #finish()}, with nothing after it).
         */
        void accept(byte[] buffer, int offset, int length, boolean whole) throws IOException;
    }

    private static final int FIRST_BUFFER = 8 * 1024;
    private static final byte[] EMPTY = new byte[0];
    /** Large buffers kept between blobs: enough for the writers of two cores, and a few more. */
    // A stack: the buffer given back last is taken first, its bytes likelier still in the caches.
    private static final LinkedBlockingDeque<byte[]> POOL = new LinkedBlockingDeque<>(4);

    private final FastCdc cdc;
    private final ChunkSink sink;
    /** The length of a large buffer: room for two windows of {@code max} bytes. */
    private final int large;
    private byte[] buffer = EMPTY;
    /** The first byte not handed out yet. */
    private int start;
    /** The end of the buffered bytes. */
    private int end;
    private boolean emitted;

    public ChunkingBuffer(FastCdc cdc, ChunkSink sink) {
        this.cdc = cdc;
        this.sink = sink;
        this.large = 2 * cdc.maxSize();
    }

    /**
     * Says that about {@code bytes} bytes are about to be written, before the first write: the
     * buffer is then allocated once at the right size instead of growing.
     */
    public void expect(long bytes) {
        if (end == 0 && buffer.length == 0 && bytes > 0) {
            byte[] pooled = bytes < large ? pooled() : null;
            buffer = pooled != null ? pooled : bytes < large ? new byte[(int) bytes] : largeBuffer();
        }
    }

    /** Takes all remaining bytes of {@code src}, handing out every chunk that is decided. */
    public void write(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            if (end - start == cdc.maxSize()) {
                emitOne(false);
            }
            if (end == buffer.length) {
                makeRoom(src.remaining());
            }
            int n = Math.min(src.remaining(), Math.min(buffer.length - end, start + cdc.maxSize() - end));
            src.get(buffer, end, n);
            end += n;
        }
    }

    /** Hands out the chunks of everything still buffered (the end of the input), and lets the buffer go. */
    public void finish() throws IOException {
        try {
            while (end > start) {
                emitOne(true);
            }
        } finally {
            release();
        }
    }

    /** Lets the buffer go without handing out what it holds (the blob was abandoned). */
    public void release() {
        if (buffer.length == large) {
            POOL.offerFirst(buffer);
        }
        buffer = EMPTY;
        start = 0;
        end = 0;
    }

    private void makeRoom(int wanted) {
        if (start > 0) {
            // Fewer than max bytes are left after the last cut: move them to the start.
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            return;
        }
        if (buffer.length == large) {
            return;
        }
        int grown = Math.max(FIRST_BUFFER, Math.max(end + wanted, 2 * buffer.length));
        if (grown >= large) {
            byte[] bigger = largeBuffer();
            System.arraycopy(buffer, 0, bigger, 0, end);
            buffer = bigger;
        } else {
            buffer = Arrays.copyOf(buffer, grown);
        }
    }

    private byte[] largeBuffer() {
        byte[] b = pooled();
        return b != null ? b : new byte[large];
    }

    /** A large buffer from the pool, or null. */
    private byte[] pooled() {
        byte[] b = POOL.pollFirst();
        while (b != null && b.length != large) {
            b = POOL.pollFirst();
        }
        return b;
    }

    private void emitOne(boolean finishing) throws IOException {
        int n = cdc.cut(buffer, start, end - start).length();
        boolean whole = finishing && !emitted && n == end - start;
        emitted = true;
        int at = start;
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        sink.accept(buffer, at, n, whole);
    }
}
