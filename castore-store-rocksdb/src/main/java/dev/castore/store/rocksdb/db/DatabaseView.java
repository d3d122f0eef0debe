package dev.castore.store.rocksdb.db;

import dev.castore.api.CorruptDataException;
import dev.castore.api.Cursor;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * The database as it was when the view was taken (a RocksDB snapshot), for reading several column
 * families consistently: writes made afterwards are not seen. Close the view (and its cursors)
 * before the database is released.
 */
public final class DatabaseView implements AutoCloseable {

    /** One stored value under its digest. */
    public record Entry(B3Digest key, byte[] value) {}

    private final StoreDatabase database;
    private final RocksDB db;
    private final Snapshot snapshot;
    private final ReadOptions reads;
    private boolean closed;

    DatabaseView(StoreDatabase database, RocksDB db) {
        this.database = database;
        this.db = db;
        this.snapshot = db.getSnapshot();
        this.reads = new ReadOptions().setSnapshot(snapshot);
    }

    /** The entries of {@code family} in key order, read as the cursor goes; close it. */
    public Cursor<Entry> entries(Family family) {
        ColumnFamilyHandle handle = database.handle(family);
        RocksIterator it = db.newIterator(handle, reads);
        it.seekToFirst();
        String what = database.directory() + ": listing " + family.name().toLowerCase();
        return new Cursor<>() {
            private boolean done;

            @Override
            public Optional<Entry> next() throws IOException {
                if (done) {
                    return Optional.empty();
                }
                if (!it.isValid()) {
                    done = true;
                    try {
                        it.status();
                    } catch (RocksDBException e) {
                        throw StoreDatabase.failure(what, e);
                    }
                    return Optional.empty();
                }
                byte[] key = it.key();
                if (key.length != B3Digest.LENGTH) {
                    throw new CorruptDataException(what + ": a key of " + key.length + " bytes, where digests have "
                            + B3Digest.LENGTH);
                }
                Entry e = new Entry(B3Digest.of(key), it.value());
                it.next();
                return Optional.of(e);
            }

            @Override
            public void close() {
                done = true;
                it.close();
            }
        };
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            reads.close();
            db.releaseSnapshot(snapshot);
        }
    }
}
