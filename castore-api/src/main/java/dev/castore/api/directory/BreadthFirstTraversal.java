package dev.castore.api.directory;

import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The recursive get of stores that can look up any directory: root first, breadth-first, children
 * in name order, each distinct directory once (a digest is not queued again once queued or sent).
 * Lazy: each directory is looked up when the stream reaches it.
 */
public final class BreadthFirstTraversal {

    /** Looks up one directory by digest. */
    @FunctionalInterface
    public interface Lookup {
        Optional<Directory> get(B3Digest digest) throws IOException;
    }

    private BreadthFirstTraversal() {}

    /**
     * The closure of {@code root}; empty when the root is missing. A missing member fails the
     * stream with an {@link UncheckedIOException} wrapping a {@link StorageException}.
     */
    public static Stream<Directory> of(B3Digest root, Lookup lookup) throws IOException {
        Optional<Directory> first = lookup.get(root);
        if (first.isEmpty()) {
            return Stream.empty();
        }
        Iterator<Directory> it = new Iterator<>() {
            private final ArrayDeque<B3Digest> queue = new ArrayDeque<>();
            private final Set<B3Digest> seen = new HashSet<>();
            private Directory pending = first.get();

            {
                seen.add(root);
            }

            @Override
            public boolean hasNext() {
                if (pending == null && !queue.isEmpty()) {
                    B3Digest next = queue.poll();
                    try {
                        pending = lookup.get(next).orElseThrow(() -> new StorageException(
                                "directory " + next.toHex() + " does not exist (it is part of the closure of "
                                        + root.toHex() + ")"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return pending != null;
            }

            @Override
            public Directory next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Directory d = pending;
                pending = null;
                for (Directory.Entry<DirectoryNode> e : d.directories()) {
                    if (seen.add(e.node().digest())) {
                        queue.add(e.node().digest());
                    }
                }
                return d;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
