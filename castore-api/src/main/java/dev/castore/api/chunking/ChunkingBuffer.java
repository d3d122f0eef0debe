package dev.castore.api.chunking;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Push-style streaming chunker: bytes go in with {@link #write}, chunks come out through a
 * {@link ChunkSink}. It behaves like the crate's stream chunker, which refills a buffer of
 * {@code max} bytes to the brim (or to the end of input) before every cut; the boundaries
 * therefore depend only on the data, never on how it was split into writes.
 *
 * <p>A cut happens when the buffer is full and more bytes arrive, or at {@link #finish()}. So a
 * blob that fits one chunk is handed out only at the end. Memory: one buffer of up to {@code max}
 * bytes (it starts small, since most blobs are) plus the chunk handed to the sink. Not
 * thread-safe.
 */
public final class ChunkingBuffer {

    /** Receives each chunk in order; the array belongs to the sink. */
    @FunctionalInterface
    public interface ChunkSink {
        void accept(byte[] chunk) throws IOException;
    }

    private static final int FIRST_BUFFER = 8 * 1024;

    private final FastCdc cdc;
    private final ChunkSink sink;
    private byte[] buffer = new byte[0];
    private int length;

    public ChunkingBuffer(FastCdc cdc, ChunkSink sink) {
        this.cdc = cdc;
        this.sink = sink;
    }

    /** Takes all remaining bytes of {@code src}, emitting every chunk that is decided. */
    public void write(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            if (length == cdc.maxSize()) {
                emitOne();
            }
            if (length == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.min(cdc.maxSize(),
                        Math.max(FIRST_BUFFER, Math.max(length + src.remaining(), 2 * buffer.length))));
            }
            int n = Math.min(src.remaining(), buffer.length - length);
            src.get(buffer, length, n);
            length += n;
        }
    }

    /** Emits the chunks of everything still buffered (the end of the input). */
    public void finish() throws IOException {
        while (length > 0) {
            emitOne();
        }
    }

    private void emitOne() throws IOException {
        int n = cdc.cut(buffer, 0, length).length();
        byte[] chunk = new byte[n];
        System.arraycopy(buffer, 0, chunk, 0, n);
        System.arraycopy(buffer, n, buffer, 0, length - n);
        length -= n;
        sink.accept(chunk);
    }
}
