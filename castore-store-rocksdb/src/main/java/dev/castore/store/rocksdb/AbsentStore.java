package dev.castore.store.rocksdb;

import dev.castore.api.Cursor;
import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.store.rocksdb.db.StoreDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of a store directory that holds no store, built for reading only: they hold
 * nothing, and create nothing (a reader with a mistyped path would otherwise make a store there,
 * parents and all). Reads find nothing, as they would in a new store, so a composition that
 * reads it beside others (the near side of {@code combined}) goes on; writes fail. The first
 * build for a directory logs a warning that names it.
 */
final class AbsentStore {

    private static final Logger LOG = LoggerFactory.getLogger(AbsentStore.class);
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    private AbsentStore() {}

    /** Whether {@code dir} holds no store: it would have to be created to be opened. */
    static boolean at(Path dir) {
        return StoreDatabase.absent(dir);
    }

    static BlobService blobs(Path dir) {
        warn(dir);
        return new Blobs(dir);
    }

    static DirectoryService directories(Path dir) {
        warn(dir);
        return new Directories(dir);
    }

    private static void warn(Path dir) {
        if (WARNED.add(dir.toAbsolutePath().normalize())) {
            LOG.warn("there is no store at {}{}; it is read as empty (a command that only reads creates none)", dir,
                    StoreDatabase.whyNone(dir));
        }
    }

    private static StorageException readOnly(Path dir) {
        return new StorageException("there is no store at " + dir + ", and it was opened for reading only:"
                + " nothing can be written to it");
    }

    private record Blobs(Path dir) implements BlobService {
        @Override
        public boolean has(B3Digest digest) {
            return false;
        }

        @Override
        public Optional<BlobReader> open(B3Digest digest) {
            return Optional.empty();
        }

        @Override
        public BlobWriter openWriter() throws StorageException {
            throw readOnly(dir);
        }

        /** An empty listing: the store's blobs are known, there are none (a sharding store lists its shards'). */
        @Override
        public Optional<BlobListing> listing() {
            return Optional.of(() -> Cursor.of(List.of()));
        }
    }

    private record Directories(Path dir) implements DirectoryService {
        @Override
        public Optional<Directory> get(B3Digest digest) {
            return Optional.empty();
        }

        @Override
        public B3Digest put(Directory directory) throws StorageException {
            throw readOnly(dir);
        }

        @Override
        public ClosureStream getRecursive(B3Digest root) {
            return ClosureStream.empty();
        }

        @Override
        public DirectoryPutter putter() throws StorageException {
            throw readOnly(dir);
        }
    }
}
