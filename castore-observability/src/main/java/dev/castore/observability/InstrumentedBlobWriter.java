package dev.castore.observability;

import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ForwardingBlobWriter;
import dev.castore.api.digest.B3Digest;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The writer of an instrumented put: counts the bytes written and ends the put operation at the
 * commit (a success, or a failure with its error); closed without a commit, the operation is not
 * counted. Each call runs inside the put's span.
 */
final class InstrumentedBlobWriter extends ForwardingBlobWriter {

    private final Operation put;
    private final Counter bytesWritten;
    private long written;

    InstrumentedBlobWriter(BlobWriter inner, Operation put, Counter bytesWritten) {
        super(inner);
        this.put = put;
        this.bytesWritten = bytesWritten;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return put.call(() -> {
            int n = super.write(src);
            written += n;
            return n;
        });
    }

    @Override
    public void write(byte[] b, int offset, int length) throws IOException {
        put.run(() -> {
            delegate().write(b, offset, length);
            written += length;
        });
    }

    @Override
    public B3Digest commit() throws IOException {
        return put.call(() -> {
            B3Digest digest = super.commit();
            bytesWritten.increment(written);
            written = 0;
            put.succeed();
            return digest;
        });
    }

    @Override
    public void close() throws IOException {
        try (Operation.Scope ignored = put.enter()) {
            super.close();
        } finally {
            put.abandon();
        }
    }
}
