package dev.castore.api.chunking;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Push-style streaming chunker: bytes go in with {@link #write}, chunks come out through a
 * {@link ChunkSink}. It behaves like the crate's stream chunker, which refills a buffer of
 * {@code max} bytes to the brim (or to the end of input) before every cut; the boundaries
 * therefore depend only on the data, never on how it was split into writes.
 *
 * <p>A cut happens when the buffer is full and more bytes arrive, or at {@link #finish()}. So a
 * blob that fits one chunk is handed out only at the end. Memory: one buffer of at most
 * {@code max} bytes plus the chunk handed to the sink; the buffer starts small and grows as bytes
 * arrive, so the many small blobs of a tree do not each cost a buffer of {@code max} bytes.
 * Not thread-safe.
 */
public final class ChunkingBuffer {

    /** Receives each chunk in order; the array belongs to the sink. */
    @FunctionalInterface
    public interface ChunkSink {
        void accept(byte[] chunk) throws IOException;
    }

    /** The first buffer's size; it doubles up to the chunker's maximum as bytes arrive. */
    private static final int INITIAL_BUFFER = 16 * 1024;

    private final FastCdc cdc;
    private final ChunkSink sink;
    private byte[] buffer;
    private int length;

    public ChunkingBuffer(FastCdc cdc, ChunkSink sink) {
        this.cdc = cdc;
        this.sink = sink;
        this.buffer = new byte[Math.min(INITIAL_BUFFER, cdc.maxSize())];
    }

    /** Takes all remaining bytes of {@code src}, emitting every chunk that is decided. */
    public void write(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            if (length == buffer.length) {
                if (buffer.length < cdc.maxSize()) {
                    long grown = Math.max((long) length + src.remaining(), 2L * buffer.length);
                    buffer = Arrays.copyOf(buffer, (int) Math.min(cdc.maxSize(), grown));
                    continue;
                }
                emitOne();
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
