package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobReader;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A reader that runs {@code onClose} once, after closing its source: how a cache knows a blob is no longer read. */
final class PinnedBlobReader implements BlobReader {

    private final BlobReader source;
    private final Runnable onClose;
    private boolean closed;

    PinnedBlobReader(BlobReader source, Runnable onClose) {
        this.source = source;
        this.onClose = onClose;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return source.read(dst);
    }

    @Override
    public long position() throws IOException {
        return source.position();
    }

    @Override
    public BlobReader position(long newPosition) throws IOException {
        source.position(newPosition);
        return this;
    }

    @Override
    public boolean isOpen() {
        return source.isOpen();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            source.close();
        } finally {
            onClose.run();
        }
    }
}
