package dev.castore.api.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Reads a blob's bytes in order, from a position that can be moved.
 *
 * <p>{@link #position(long)} is cheap within the data a reader holds; on chunked stores it fetches
 * only the chunk that holds the new position, on streaming ones it may re-open the stream and skip.
 * A position past the end reads as end of stream. Close it to release buffers and connections.
 */
public interface BlobReader extends ReadableByteChannel {

    /** The offset of the next byte to read. */
    long position() throws IOException;

    /** Moves to {@code newPosition} (>= 0); returns this reader. */
    BlobReader position(long newPosition) throws IOException;

    /**
     * Writes the bytes from the position to the end into {@code out}, leaving the position at the
     * end; returns how many. The default copies through a buffer; readers that hold their bytes
     * in buffers hand those to {@code out} as they are, verified as {@link #read} would serve them.
     */
    default long transferTo(WritableByteChannel out) throws IOException {
        return Copies.through(this, ByteBuffer.allocate(1 << 16), out);
    }

    /** An {@link InputStream} over this reader; closing the stream closes the reader. */
    default InputStream inputStream() {
        return Channels.newInputStream(this);
    }
}
