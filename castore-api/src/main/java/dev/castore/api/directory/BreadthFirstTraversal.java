package dev.castore.api.directory;

import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The recursive get of stores that can look up any directory: root first, breadth-first, children
 * in name order, each distinct directory once (a digest is not queued again once queued or sent).
 * Lazy: each directory is looked up when the stream reaches it.
 */
public final class BreadthFirstTraversal implements ClosureStream {

    /** Looks up one directory by digest. */
    @FunctionalInterface
    public interface Lookup {
        Optional<Directory> get(B3Digest digest) throws IOException;
    }

    private final B3Digest root;
    private final Lookup lookup;
    private final ArrayDeque<B3Digest> queue = new ArrayDeque<>();
    private final Set<B3Digest> seen = new HashSet<>();
    private boolean started;

    private BreadthFirstTraversal(B3Digest root, Lookup lookup) {
        this.root = root;
        this.lookup = lookup;
    }

    /**
     * The closure of {@code root}; empty when the root is missing. A missing member fails
     * {@link ClosureStream#next()} with a {@link StorageException}.
     */
    public static ClosureStream of(B3Digest root, Lookup lookup) {
        return new BreadthFirstTraversal(root, lookup);
    }

    @Override
    public Optional<Directory> next() throws IOException {
        Optional<Directory> next;
        if (!started) {
            started = true;
            seen.add(root);
            next = lookup.get(root);
        } else {
            B3Digest digest = queue.poll();
            if (digest == null) {
                return Optional.empty();
            }
            next = Optional.of(lookup.get(digest).orElseThrow(() -> new StorageException("directory " + digest.toHex()
                    + " does not exist (it is part of the closure of " + root.toHex() + ")")));
        }
        next.ifPresent(d -> {
            for (Directory.Entry<DirectoryNode> e : d.directories()) {
                if (seen.add(e.node().digest())) {
                    queue.add(e.node().digest());
                }
            }
        });
        return next;
    }
}
