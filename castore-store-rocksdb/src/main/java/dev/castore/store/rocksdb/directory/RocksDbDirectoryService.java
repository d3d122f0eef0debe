package dev.castore.store.rocksdb.directory;

import dev.castore.api.CorruptDataException;
import dev.castore.api.InvalidRequestException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.directory.BreadthFirstTraversal;
import dev.castore.api.directory.ClosurePutter;
import dev.castore.api.directory.DirectoryGraph;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.InvalidDirectoryException;
import dev.castore.store.rocksdb.db.Family;
import dev.castore.store.rocksdb.db.StoreDatabase;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import dev.castore.api.directory.ClosureStream;

/**
 * Directories in a store database, each under its digest, so any stored directory can be looked
 * up, not only closure roots. A closure is validated as a whole, then written in one atomic,
 * durable batch: after a crash it is there entirely or not at all. A read checks the BLAKE3 of the
 * stored bytes against the digest asked for and that they are the canonical encoding.
 */
public final class RocksDbDirectoryService implements DirectoryService {

    private final StoreDatabase db;
    private boolean closed;

    /** A service over {@code db} (one reference, released on close). */
    public RocksDbDirectoryService(StoreDatabase db) {
        this.db = db;
    }

    StoreDatabase database() {
        return db;
    }

    @Override
    public Optional<Directory> get(B3Digest digest) throws IOException {
        Optional<byte[]> stored = db.get(Family.DIRECTORIES, digest);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = stored.get();
        B3Digest actual = Blake3.hash(bytes);
        if (!actual.equals(digest)) {
            throw new CorruptDataException(where(digest) + ": stored bytes have digest " + actual.toHex());
        }
        Directory d;
        try {
            d = Directory.decode(bytes);
        } catch (InvalidDirectoryException e) {
            throw new CorruptDataException(where(digest) + ": invalid directory: " + e.getMessage(), e);
        }
        if (!d.digest().equals(digest)) {
            throw new CorruptDataException(where(digest) + ": not in canonical encoding");
        }
        return Optional.of(d);
    }

    private String where(B3Digest digest) {
        return "rocksdb store " + db.directory() + ", directory " + digest.toHex();
    }

    /**
     * Stores one directory whose child directories are all stored already (with the sizes its
     * entries give them), so a single put never makes an incomplete closure visible.
     */
    @Override
    public B3Digest put(Directory directory) throws IOException {
        for (Directory.Entry<DirectoryNode> e : directory.directories()) {
            Optional<Directory> child = get(e.node().digest());
            if (child.isEmpty()) {
                throw new InvalidRequestException("directory " + directory.digest().toHex() + " refers to "
                        + e.node().digest().toHex() + " ('" + e.name() + "'), which is not stored; put the closure with putter()");
            }
            if (child.get().size() != e.node().size()) {
                throw new InvalidRequestException("directory " + directory.digest().toHex() + " gives '" + e.name()
                        + "' the wrong size " + e.node().size() + " (it is " + child.get().size() + ")");
            }
        }
        db.putAll(Family.DIRECTORIES, Map.of(directory.digest(), directory.encode()));
        return directory.digest();
    }

    @Override
    public ClosureStream getRecursive(B3Digest root) {
        return BreadthFirstTraversal.of(root, this::get);
    }

    @Override
    public DirectoryPutter putter() {
        return new ClosurePutter(this::write);
    }

    private void write(DirectoryGraph.ValidatedClosure closure) throws IOException {
        B3Digest root = closure.root().orElseThrow();
        if (db.contains(Family.DIRECTORIES, root)) {
            // Closures are written whole, so a stored root has its closure; only make it durable.
            db.syncEverything();
            return;
        }
        Map<B3Digest, byte[]> batch = new LinkedHashMap<>();
        for (Directory d : closure.leavesToRoot()) {
            batch.putIfAbsent(d.digest(), d.encode());
        }
        db.putAll(Family.DIRECTORIES, batch);
    }

    @Override
    public void checkWritable() throws IOException {
        db.checkWritable();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            db.release();
        }
    }

    @Override
    public String toString() {
        return "rocksdb directory service at " + db.directory();
    }
}
