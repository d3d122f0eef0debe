package dev.castore.store.objectstore.directory;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosurePutter;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryGraph;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.store.objectstore.layout.ObjectKeys;
import dev.castore.store.objectstore.layout.ZstdCodec;
import dev.castore.store.objectstore.spi.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Directories in an object store, in the tvix/snix layout: each closure is one object under
 * {@code dirs/b3/...} keyed by its root, a zstd stream of length-prefixed directories, root
 * first. Consequently only digests that were the root of a put can be looked up; a directory
 * that is only inside some closure is "not found". A single {@link #put} is allowed for
 * directories without subdirectories (a closure of one).
 */
public final class ObjectStoreDirectoryService implements DirectoryService {

    private final ObjectStore store;

    /** A service over {@code store} (owned: closed with the service). */
    public ObjectStoreDirectoryService(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Optional<Directory> get(B3Digest digest) throws IOException {
        try (ClosureReader reader = open(digest)) {
            return reader == null ? Optional.empty() : reader.next();
        }
    }

    @Override
    public ClosureStream getRecursive(B3Digest root) throws IOException {
        ClosureReader reader = open(root);
        return reader == null ? ClosureStream.empty() : reader;
    }

    private ClosureReader open(B3Digest root) throws IOException {
        String key = ObjectKeys.directories(root);
        Optional<InputStream> in = store.get(key);
        return in.isEmpty() ? null : new ClosureReader(root, in.get(), store.location() + " " + key);
    }

    @Override
    public B3Digest put(Directory directory) throws IOException {
        if (!directory.directories().isEmpty()) {
            throw new InvalidRequestException("the object store keeps directories as closures: a single put is only "
                    + "supported for directories without subdirectories; use putter() for directory "
                    + directory.digest().toHex());
        }
        ClosurePutter putter = putter();
        putter.put(directory);
        return putter.commit();
    }

    @Override
    public ClosurePutter putter() {
        return new ClosurePutter(this::write);
    }

    private void write(DirectoryGraph.ValidatedClosure closure) throws IOException {
        B3Digest root = closure.root().orElseThrow();
        String key = ObjectKeys.directories(root);
        if (store.head(key).isPresent()) {
            store.sync(); // present may mean staged by another writer: durable before we return
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(ZstdCodec.outputStream(bytes))) {
            for (Directory d : closure.rootToLeaves()) {
                byte[] encoded = d.encode();
                out.writeInt(encoded.length);
                out.write(encoded);
            }
        }
        store.put(key, bytes.toByteArray());
        store.sync();
    }

    @Override
    public void checkWritable() throws IOException {
        store.checkWritable();
    }

    @Override
    public void close() throws IOException {
        store.close();
    }

    @Override
    public String toString() {
        return "objectstore directory service at " + store.location();
    }
}
