package dev.castore.api.blob;

import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * A writer that passes every call to another writer: the base of writers that add one thing to a
 * commit (remember the digest, record it) and write the delegate's blob as it is. It keeps the
 * delegate's all-or-nothing rule: {@link #close()} closes the delegate, discarding an uncommitted
 * blob. Override the calls whose behaviour the wrapper adds to, and call {@code super}.
 */
public abstract class ForwardingBlobWriter implements BlobWriter {

    private final BlobWriter delegate;

    /** A writer forwarding to {@code delegate}, which it owns from now on (closing this closes it). */
    protected ForwardingBlobWriter(BlobWriter delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The writer every call goes to. */
    protected final BlobWriter delegate() {
        return delegate;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return delegate.write(src);
    }

    /** The delegate's reads: a writer that reads into buffers of its own keeps doing so. */
    @Override
    public long writeFrom(ReadableByteChannel in, ByteBuffer buffer, LongConsumer progress) throws IOException {
        return delegate.writeFrom(in, buffer, progress);
    }

    @Override
    public void expect(long bytes) {
        delegate.expect(bytes);
    }

    @Override
    public B3Digest commit() throws IOException {
        return delegate.commit();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
