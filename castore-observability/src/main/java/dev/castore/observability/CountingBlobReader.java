package dev.castore.observability;

import dev.castore.api.blob.BlobReader;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A reader that adds the bytes it returns to its instance's bytes read. */
final class CountingBlobReader implements BlobReader {

    private final BlobReader inner;
    private final Counter bytesRead;

    CountingBlobReader(BlobReader inner, Counter bytesRead) {
        this.inner = inner;
        this.bytesRead = bytesRead;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = inner.read(dst);
        if (n > 0) {
            bytesRead.increment(n);
        }
        return n;
    }

    @Override
    public long position() throws IOException {
        return inner.position();
    }

    @Override
    public BlobReader position(long newPosition) throws IOException {
        inner.position(newPosition);
        return this;
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
