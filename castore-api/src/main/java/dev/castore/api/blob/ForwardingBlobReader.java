package dev.castore.api.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * A reader that passes every call to another reader: the base of readers that add one thing (an
 * action on close, a count of bytes) and serve the delegate's bytes as they are.
 *
 * <p>{@link #position(long)} moves the delegate and returns this reader, so that a caller chaining
 * calls stays on the wrapper; {@link #close()} closes the delegate. Override the calls whose
 * behaviour the wrapper adds to, and call {@code super} to keep forwarding.
 */
public abstract class ForwardingBlobReader implements BlobReader {

    private final BlobReader delegate;

    /** A reader forwarding to {@code delegate}, which it owns from now on (closing this closes it). */
    protected ForwardingBlobReader(BlobReader delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The reader every call goes to. */
    protected final BlobReader delegate() {
        return delegate;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    /** The delegate's transfer: a reader that hands out its buffers as they are keeps doing so. */
    @Override
    public long transferTo(WritableByteChannel out) throws IOException {
        return delegate.transferTo(out);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public BlobReader position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
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
