package dev.castore.api.blob;

import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A blob service that passes reads, writes and syncs to another service: the base of decorators
 * that change one thing (refuse writes, verify reads, count calls) and forward the rest.
 *
 * <p>Two calls are deliberately not forwarded. {@link #deletion()} keeps the interface's default,
 * so a decorator never deletes through to its delegate unless it says so by overriding it (or by
 * implementing {@link BlobDeletion} itself). {@link #close()} does nothing: the delegate belongs
 * to whoever made it (in a composition, the composition closes every instance it built); a
 * decorator that owns its delegate overrides {@code close}.
 */
public abstract class ForwardingBlobService implements BlobService {

    private final BlobService delegate;

    /** A service forwarding to {@code delegate}. */
    protected ForwardingBlobService(BlobService delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The service every forwarded call goes to. */
    protected final BlobService delegate() {
        return delegate;
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        return delegate.has(digest);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        return delegate.open(digest);
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        return delegate.openWriter();
    }

    @Override
    public BlobWriter openWriter(Durability durability) throws IOException {
        return delegate.openWriter(durability);
    }

    @Override
    public void sync() throws IOException {
        delegate.sync();
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        return delegate.chunks(digest);
    }

    @Override
    public int callsInFlight() {
        return delegate.callsInFlight();
    }

    @Override
    public void checkWritable() throws IOException {
        delegate.checkWritable();
    }
}
