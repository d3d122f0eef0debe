package dev.castore.api.directory;

import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the directories of stored trees one at a time, as a browser or a file system walks them,
 * with a bounded cache of decoded directories. Thread-safe.
 *
 * <p>A directory is looked up with {@link DirectoryService#get}. Stores that keep only closures
 * (the object store) answer that for roots only; when a directory of a tree is not found on its
 * own, the whole closure of the tree's root is read once ({@link #readClosure}, the one place that
 * walks a tree) and kept for the two trees most recently asked for. Shared by the front ends that
 * walk trees on demand (HTTP, FUSE).
 */
public final class DirectoryReader {

    /** Bytes of directory encodings kept in the cache by default. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;

    private final DirectoryService directories;
    private final long cacheBytes;
    private final LinkedHashMap<B3Digest, Directory> cache = new LinkedHashMap<>(256, 0.75f, true);
    private long cached;
    // Closures read whole because their store could not look up a member on its own, by root.
    private final Map<B3Digest, Map<B3Digest, Directory>> closures = new LinkedHashMap<>(4, 0.75f, true);

    public DirectoryReader(DirectoryService directories) {
        this(directories, DEFAULT_CACHE_BYTES);
    }

    public DirectoryReader(DirectoryService directories, long cacheBytes) {
        this.directories = directories;
        this.cacheBytes = cacheBytes;
    }

    /** The root of a tree, or empty when it is not stored. */
    public Optional<Directory> root(B3Digest root) throws IOException {
        return cachedOrGet(root);
    }

    /**
     * The directory {@code digest} of the tree {@code root}.
     *
     * @throws StorageException when the tree refers to it and the store does not have it
     */
    public Directory member(B3Digest root, B3Digest digest) throws IOException {
        Optional<Directory> d = cachedOrGet(digest);
        if (d.isPresent()) {
            return d.get();
        }
        Directory fromClosure = closure(root).get(digest);
        if (fromClosure == null) {
            throw new StorageException("directory " + digest.toHex() + " of the tree " + root.toHex()
                    + " is not stored");
        }
        return fromClosure;
    }

    private Optional<Directory> cachedOrGet(B3Digest digest) throws IOException {
        synchronized (this) {
            Directory hit = cache.get(digest);
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        Optional<Directory> d = directories.get(digest);
        d.ifPresent(this::remember);
        return d;
    }

    private synchronized void remember(Directory d) {
        if (cache.put(d.digest(), d) == null) {
            cached += d.encodedLength();
        }
        Iterator<Directory> eldest = cache.values().iterator();
        while (cached > cacheBytes && cache.size() > 1 && eldest.hasNext()) {
            cached -= eldest.next().encodedLength();
            eldest.remove();
        }
    }

    /** The closure of {@code root} by digest, read once and kept for the two most recent roots. */
    private Map<B3Digest, Directory> closure(B3Digest root) throws IOException {
        synchronized (closures) {
            Map<B3Digest, Directory> known = closures.get(root);
            if (known != null) {
                return known;
            }
            Map<B3Digest, Directory> read = readClosure(root);
            if (read.isEmpty()) {
                return read; // not stored (yet): nothing to keep
            }
            closures.put(root, read);
            Iterator<B3Digest> eldest = closures.keySet().iterator();
            while (closures.size() > 2) {
                eldest.next();
                eldest.remove();
            }
            return read;
        }
    }

    /** Every directory of the closure of {@code root}; empty when the root is not stored. */
    private Map<B3Digest, Directory> readClosure(B3Digest root) throws IOException {
        Map<B3Digest, Directory> out = new HashMap<>();
        try (ClosureStream all = directories.getRecursive(root)) {
            for (Directory d : all.toList()) {
                out.put(d.digest(), d);
            }
        }
        return out;
    }
}
