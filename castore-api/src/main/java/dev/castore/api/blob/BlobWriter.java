package dev.castore.api.blob;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.function.LongConsumer;

/**
 * Writes one new blob. All-or-nothing: the blob becomes visible only through {@link #commit()},
 * which returns its digest; {@link #close()} without a commit discards what was written.
 *
 * <p>{@code commit} is idempotent: calling it again returns the same digest (or throws the same
 * error). Writes after a commit fail with {@link dev.castore.api.InvalidRequestException}.
 */
public interface BlobWriter extends WritableByteChannel {

    /**
     * Appends the remaining bytes of {@code src}; returns how many were taken (all of them). They
     * are taken when this returns: a writer that keeps them copies them, for the caller may reuse
     * or release {@code src}'s memory at once (the gRPC server hands over views of the buffers a
     * Put arrived in, released after the write).
     */
    @Override
    int write(ByteBuffer src) throws IOException;

    /** Appends {@code length} bytes of {@code b} from {@code offset}. */
    default void write(byte[] b, int offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, offset, length);
        while (buf.hasRemaining()) {
            write(buf);
        }
    }

    /**
     * Says that about {@code bytes} bytes are about to be written, before they are: a writer whose
     * store hashes them in this process announces the work to the hasher ({@link Blake3#expect}),
     * which gets its fastest code ready while they come; a writer that sends them to be hashed
     * elsewhere (a server) has nothing to get ready and does nothing. The default announces.
     */
    default void expect(long bytes) {
        Blake3.expect(bytes);
    }

    /**
     * Appends everything {@code in} reads, to its end; returns how many bytes that was.
     * {@code buffer} is lent by the caller for the reads, and {@code progress} hears the count
     * of each. The default reads into {@code buffer} and writes that; a writer that keeps the
     * bytes in buffers of its own may read into those directly, which saves a copy of each byte.
     */
    default long writeFrom(ReadableByteChannel in, ByteBuffer buffer, LongConsumer progress) throws IOException {
        long total = 0;
        while (true) {
            buffer.clear();
            int n = in.read(buffer);
            if (n < 0) {
                return total;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                write(buffer);
            }
            total += n;
            progress.accept(n);
        }
    }

    /** Makes the blob visible and returns its digest. */
    B3Digest commit() throws IOException;

    /** Releases resources; discards the blob unless it was committed. */
    @Override
    void close() throws IOException;

    /**
     * An {@link OutputStream} over this writer. Closing the stream does not commit and does not
     * close the writer: call {@link #commit()} and {@link #close()} on the writer.
     */
    default OutputStream outputStream() {
        BlobWriter writer = this;
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writer.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writer.write(b, off, len);
            }
        };
    }
}
