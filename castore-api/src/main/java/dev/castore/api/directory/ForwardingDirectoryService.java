package dev.castore.api.directory;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A directory service that passes every read and write to another service: the base of
 * decorators that change one thing (refuse writes, count calls) and forward the rest.
 *
 * <p>{@link #close()} does nothing: the delegate belongs to whoever made it (in a composition, the
 * composition closes every instance it built); a decorator that owns its delegate overrides
 * {@code close}.
 */
public abstract class ForwardingDirectoryService implements DirectoryService {

    private final DirectoryService delegate;

    /** A service forwarding to {@code delegate}. */
    protected ForwardingDirectoryService(DirectoryService delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The service every forwarded call goes to. */
    protected final DirectoryService delegate() {
        return delegate;
    }

    @Override
    public Optional<Directory> get(B3Digest digest) throws IOException {
        return delegate.get(digest);
    }

    @Override
    public B3Digest put(Directory directory) throws IOException {
        return delegate.put(directory);
    }

    @Override
    public ClosureStream getRecursive(B3Digest root) throws IOException {
        return delegate.getRecursive(root);
    }

    @Override
    public DirectoryPutter putter() throws IOException {
        return delegate.putter();
    }

    @Override
    public void checkWritable() throws IOException {
        delegate.checkWritable();
    }
}
