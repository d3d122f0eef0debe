package dev.castore.composition.combinator;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryGraph;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.directory.RootFirstVerifier;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads through a cache: {@code near} first; on a miss the whole closure is fetched from
 * {@code far}, verified, copied into near (leaves first), and served. No negative caching.
 * Writes are refused, as in tvix/snix: write to near or far directly.
 */
public final class CacheDirectoryService implements DirectoryService {

    private final DirectoryService near;
    private final DirectoryService far;
    private final boolean writeThrough;

    /** A cache that refuses writes, as tvix/snix's does. */
    public CacheDirectoryService(DirectoryService near, DirectoryService far) {
        this(near, far, false);
    }

    /** A cache that, when {@code writeThrough}, writes to far and then near instead of refusing writes. */
    public CacheDirectoryService(DirectoryService near, DirectoryService far, boolean writeThrough) {
        this.near = near;
        this.far = far;
        this.writeThrough = writeThrough;
    }

    @Override
    public Optional<Directory> get(B3Digest digest) throws IOException {
        Optional<Directory> cached = near.get(digest);
        if (cached.isPresent()) {
            return cached;
        }
        List<Directory> closure = fetchFromFar(digest);
        return closure.isEmpty() ? Optional.empty() : Optional.of(closure.getFirst());
    }

    @Override
    public ClosureStream getRecursive(B3Digest root) throws IOException {
        ClosureStream fromNear = near.getRecursive(root);
        Optional<Directory> first;
        try {
            first = fromNear.next();
        } catch (IOException e) {
            fromNear.close();
            throw e;
        }
        if (first.isPresent()) {
            return new ClosureStream() {
                private Optional<Directory> pending = first;

                @Override
                public Optional<Directory> next() throws IOException {
                    Optional<Directory> d = pending.isPresent() ? pending : fromNear.next();
                    pending = Optional.empty();
                    return d;
                }

                @Override
                public void close() throws IOException {
                    fromNear.close();
                }
            };
        }
        fromNear.close();
        return ClosureStream.of(fetchFromFar(root));
    }

    /** The verified closure of {@code root} from far, root first, after copying it into near; empty if far lacks it. */
    private List<Directory> fetchFromFar(B3Digest root) throws IOException {
        RootFirstVerifier verifier = new RootFirstVerifier(root);
        Map<B3Digest, Directory> closure = new LinkedHashMap<>();
        try (ClosureStream s = far.getRecursive(root)) {
            for (Optional<Directory> d = s.next(); d.isPresent(); d = s.next()) {
                verifier.accept(d.get());
                closure.put(d.get().digest(), d.get());
            }
        }
        if (!verifier.receivedAny()) {
            return List.of();
        }
        verifier.finish();
        try (DirectoryPutter p = near.putter()) {
            for (Directory d : DirectoryGraph.leavesFirst(root, closure)) {
                p.put(d);
            }
            p.commit();
        }
        return new ArrayList<>(closure.values());
    }

    @Override
    public B3Digest put(Directory directory) throws IOException {
        if (!writeThrough) {
            throw refused();
        }
        B3Digest digest = far.put(directory);
        near.put(directory);
        return digest;
    }

    @Override
    public DirectoryPutter putter() throws IOException {
        if (!writeThrough) {
            throw refused();
        }
        DirectoryPutter toFar = far.putter();
        try {
            return new WriteThroughPutter(toFar, near.putter());
        } catch (IOException | RuntimeException e) {
            toFar.close();
            throw e;
        }
    }

    private static InvalidRequestException refused() {
        return new InvalidRequestException("unimplemented: the cache directory service does not accept writes; "
                + "write to its near or far service, or set write_through");
    }
}
