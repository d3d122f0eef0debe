package dev.castore.api.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** The copy loop of {@link BlobReader#transferTo}, for readers that choose their own buffer. */
final class Copies {

    private Copies() {}

    /** Writes what {@code reader} reads from its position to the end into {@code out}, through {@code buffer}; returns how many bytes. */
    static long through(BlobReader reader, ByteBuffer buffer, WritableByteChannel out) throws IOException {
        long total = 0;
        while (reader.read(buffer.clear()) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                total += out.write(buffer);
            }
        }
        return total;
    }
}
