package dev.castore.store.rocksdb.db;

import dev.castore.api.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The format marker in the default column family: a new database gets it, an existing one must
 * carry one this code reads, so a later, incompatible layout is refused instead of misread.
 * Format 2 keeps chunks of {@link StoreDatabase#INLINE_LIMIT} bytes and more in pack files; a
 * store of format 1 (every chunk in the database) is read as it is and marked 2 at its first
 * open for writing, since the chunks it has stay where they are.
 */
final class StoreFormat {

    private static final byte[] KEY = "castore.format".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = "castore-rocksdb 2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREVIOUS = "castore-rocksdb 1".getBytes(StandardCharsets.US_ASCII);

    private StoreFormat() {}

    /** Checks the marker of a database open for writing, writing it into a new one. */
    static void check(RocksDB db, Path dir) throws RocksDBException, StorageException {
        if (!isCurrent(db, dir)) {
            try (WriteOptions synced = new WriteOptions().setSync(true)) {
                db.put(synced, KEY, VERSION);
            }
        }
    }

    /**
     * Whether the database carries this code's marker; false when it carries none yet, or the
     * previous format's (which an open for writing upgrades).
     *
     * @throws StorageException when it carries another
     */
    static boolean isCurrent(RocksDB db, Path dir) throws RocksDBException, StorageException {
        byte[] found = db.get(KEY);
        if (found != null && !Arrays.equals(found, VERSION) && !Arrays.equals(found, PREVIOUS)) {
            throw new StorageException("the store " + dir + " has format '" + new String(found, StandardCharsets.UTF_8)
                    + "', this castore reads '" + new String(VERSION, StandardCharsets.US_ASCII) + "'");
        }
        return found != null && Arrays.equals(found, VERSION);
    }
}
