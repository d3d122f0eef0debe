package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.ForwardingBlobReader;
import java.io.IOException;

/** A reader that runs {@code onClose} once, after closing its source: how a cache knows a blob is no longer read. */
final class PinnedBlobReader extends ForwardingBlobReader {

    private final Runnable onClose;
    private boolean closed;

    PinnedBlobReader(BlobReader source, Runnable onClose) {
        super(source);
        this.onClose = onClose;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            super.close();
        } finally {
            onClose.run();
        }
    }
}
