package dev.castore.observability;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.ForwardingBlobReader;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** A reader that adds the bytes it returns to its instance's bytes read. */
final class CountingBlobReader extends ForwardingBlobReader {

    private final Counter bytesRead;

    CountingBlobReader(BlobReader inner, Counter bytesRead) {
        super(inner);
        this.bytesRead = bytesRead;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = super.read(dst);
        if (n > 0) {
            bytesRead.increment(n);
        }
        return n;
    }

    @Override
    public long transferTo(WritableByteChannel out) throws IOException {
        long n = super.transferTo(out);
        if (n > 0) {
            bytesRead.increment(n);
        }
        return n;
    }
}
