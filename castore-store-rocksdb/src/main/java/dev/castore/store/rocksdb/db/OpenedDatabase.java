package dev.castore.store.rocksdb.db;

import dev.castore.api.StorageException;
import dev.castore.store.rocksdb.pack.PackFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store directory's RocksDB database just opened, with the options and column family handles
 * it keeps until it is closed; {@code readersLock} is present when it was opened read-only.
 *
 * <p>Read-write, the open recovers what a crash left (RocksDB replays the write-ahead log into
 * new table files and writes a new manifest, five fsyncs) and removes the {@link Leftovers}.
 * Read-only, it writes nothing: the log is replayed into memory, leftovers stay for the next
 * read-write open, and the reader sees the store as it was at the open, which the shared
 * {@link ReadersLock} keeps it from changing. A store that cannot be read that way (from an
 * older layout, or damaged so that only a recovering open reads it) is opened read-write; a
 * directory without a store is an error, not a new store.
 */
record OpenedDatabase(RocksDB db, DatabaseOptions options, List<ColumnFamilyHandle> handles,
        Optional<ReadersLock> readersLock) {

    private static final Logger LOG = LoggerFactory.getLogger(OpenedDatabase.class);

    /** Opens {@code dir} for writing, creating the store when missing (see {@link #checkNewStore}). */
    static OpenedDatabase readWrite(Path dir) throws IOException {
        checkNewStore(dir);
        Files.createDirectories(dir);
        DatabaseOptions options = new DatabaseOptions();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        Leftovers leftovers = Leftovers.list(dir);
        try {
            RocksDB db = RocksDB.open(options.database(), dir.toString(), descriptors(options), handles);
            try {
                StoreFormat.check(db, dir);
                leftovers.removeUnused(db, dir);
            } catch (RocksDBException | IOException e) {
                handles.forEach(ColumnFamilyHandle::close);
                db.close();
                throw e;
            }
            return new OpenedDatabase(db, options, handles, Optional.empty());
        } catch (IOException e) {
            options.close();
            throw e;
        } catch (RocksDBException e) {
            options.close();
            if (e.getStatus() != null && e.getStatus().getCode() == Status.Code.IOError) {
                String message = String.valueOf(e.getMessage());
                // RocksDB's message ends with the C library's words, in the user's locale
                // ("Keine Berechtigung"): the directory's access says it in any.
                if (message.contains("Permission denied") || !Files.isWritable(dir)) {
                    throw new StorageException("permission denied: this user may not write to the store " + dir + " ("
                            + message + "); the commands that only read (ls, cat, stat, export) can read it");
                }
                if (message.contains("lock")) {
                    throw StoreDatabase.inUse(dir);
                }
            }
            throw StoreDatabase.failure("cannot open the store " + dir, e);
        }
    }

    /**
     * Fails unless {@code dir} holds a store or may take a new one: a missing directory, or one that
     * holds nothing but files a store writes (an open that stopped before RocksDB wrote
     * {@code CURRENT} leaves some) and a file system's {@code lost+found}. A store's files never
     * mix with others': a mistyped {@code rocksdb:///home/me} would otherwise scatter RocksDB's
     * files among the user's, to be deleted with the store one day.
     */
    static void checkNewStore(Path dir) throws IOException {
        if (StoreDatabase.exists(dir) || !Files.exists(dir)) {
            return; // or not to be looked into: making it then says why not
        }
        if (!Files.isDirectory(dir)) {
            throw new StorageException("there is no store at " + dir + ", and it is not a directory: a store is a"
                    + " directory of its own; name a new or empty one");
        }
        List<String> others;
        try (Stream<Path> s = Files.list(dir)) {
            others = s.map(p -> p.getFileName().toString()).filter(name -> !isStoreFile(name)).sorted().toList();
        }
        if (!others.isEmpty()) {
            int shown = Math.min(others.size(), 3);
            throw new StorageException("there is no store at " + dir + ", and it holds other files ("
                    + String.join(", ", others.subList(0, shown)) + (others.size() > shown ? ", ..." : "")
                    + "): a store is made only in a new or empty directory; name one");
        }
    }

    /** Whether {@code name} in a store directory is one that RocksDB or the store writes there. */
    private static boolean isStoreFile(String name) {
        return switch (name) {
            case "CURRENT", "IDENTITY", "LOCK", "LOG", "lost+found", PackFiles.DIRECTORY -> true;
            default -> Leftovers.isDataFile(name) || name.startsWith("LOG.old.") || name.startsWith("MANIFEST-")
                    || name.startsWith("OPTIONS-") || name.endsWith(".log") || name.endsWith(".dbtmp");
        };
    }

    /**
     * Opens {@code dir} for reading only, or for writing when it cannot be read that way; a reader
     * creates no store (a mistyped path would otherwise become one, parents and all).
     *
     * @throws NoSuchFileException when {@code dir} holds no store (a missing store, as a missing
     *     file: what was asked for is not there)
     */
    static OpenedDatabase readOnly(Path dir) throws IOException {
        if (StoreDatabase.absent(dir)) {
            throw new NoSuchFileException(null, null, "there is no store at " + dir
                    + StoreDatabase.whyNone(dir)
                    + "; a command that only reads creates none: import into it first");
        }
        Optional<ReadersLock> lock = ReadersLock.take(dir);
        if (lock.isEmpty()) {
            return readWrite(dir);
        }
        DatabaseOptions options = new DatabaseOptions().forReading();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db = null;
        try {
            db = RocksDB.openReadOnly(options.database(), dir.toString(), descriptors(options), handles, false);
            if (StoreFormat.isCurrent(db, dir)) {
                return new OpenedDatabase(db, options, handles, lock);
            }
            LOG.debug("{}: no format marker yet, opening it for writing", dir);
        } catch (RocksDBException e) {
            LOG.debug("{}: the read-only open failed ({}), opening it for writing", dir, e.getMessage());
        } catch (IOException | RuntimeException e) {
            close(db, handles, options);
            lock.get().close();
            throw e;
        }
        close(db, handles, options);
        lock.get().close();
        return readWrite(dir);
    }

    private static void close(RocksDB db, List<ColumnFamilyHandle> handles, DatabaseOptions options) {
        handles.forEach(ColumnFamilyHandle::close);
        handles.clear();
        if (db != null) {
            db.close();
        }
        options.close();
    }

    private static List<ColumnFamilyDescriptor> descriptors(DatabaseOptions options) {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, options.metadata()));
        for (Family f : Family.values()) {
            descriptors.add(new ColumnFamilyDescriptor(f.columnFamilyName(), options.family(f)));
        }
        return descriptors;
    }

    /** Closes the database, its options and the readers' lock. */
    void close() {
        close(db, new ArrayList<>(handles), options);
        if (readersLock.isPresent()) {
            try {
                readersLock.get().close();
            } catch (IOException e) {
                // Closing the channel gives the lock back, whatever the release said.
                LOG.warn("{}: releasing the readers' lock: {}", db.getName(), e.getMessage());
            }
        }
    }
}
