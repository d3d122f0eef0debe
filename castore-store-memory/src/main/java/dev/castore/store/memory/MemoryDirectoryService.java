package dev.castore.store.memory;

import dev.castore.api.CorruptDataException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.BreadthFirstTraversal;
import dev.castore.api.directory.ClosurePutter;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import dev.castore.api.directory.ClosureStream;

/**
 * Directories on the heap, any of them retrievable. A closure becomes visible only when its
 * putter commits; a single {@link #put} does not check that children exist. Thread-safe.
 */
public final class MemoryDirectoryService implements DirectoryService {

    private final ConcurrentHashMap<B3Digest, Directory> directories = new ConcurrentHashMap<>();

    @Override
    public Optional<Directory> get(B3Digest digest) throws CorruptDataException {
        Directory d = directories.get(digest);
        if (d == null) {
            return Optional.empty();
        }
        if (!d.digest().equals(digest)) {
            throw new CorruptDataException("directory stored under " + digest.toHex() + " has digest " + d.digest().toHex());
        }
        return Optional.of(d);
    }

    @Override
    public B3Digest put(Directory directory) {
        B3Digest digest = directory.digest();
        directories.putIfAbsent(digest, directory);
        return digest;
    }

    @Override
    public ClosureStream getRecursive(B3Digest root) {
        return BreadthFirstTraversal.of(root, this::get);
    }

    @Override
    public DirectoryPutter putter() {
        return ClosurePutter.puttingEach(this);
    }

    /** Replaces what is stored under {@code digest}, for tests in this package that damage it. */
    void replace(B3Digest digest, Directory directory) {
        directories.put(digest, directory);
    }

    /** Number of directories stored. */
    public int size() {
        return directories.size();
    }
}
