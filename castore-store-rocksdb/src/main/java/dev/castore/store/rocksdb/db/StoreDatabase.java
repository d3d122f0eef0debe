package dev.castore.store.rocksdb.db;

import dev.castore.api.CorruptDataException;
import dev.castore.api.StorageException;
import dev.castore.api.spi.Access;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * One store directory's RocksDB database, shared by the blob and the directory service of that
 * directory in this process (RocksDB allows one opener per directory; the last release closes it).
 *
 * <p>Durability. A write for a later sync ({@link Durability#ON_SYNC}) skips the write-ahead log,
 * so its bytes are written once, when the memtables are flushed; {@link #sync()} flushes them
 * (atomically across the column families, so a crash keeps a prefix of the writes, never a chunk
 * list without its chunks). A durable write goes to the log with {@code sync}: RocksDB syncs the
 * log once for the whole group of writers waiting at that moment (group commit). Before a durable
 * write the memtables are flushed if unlogged writes are pending, because the durable write may
 * refer to them (a chunk list to chunks another writer stored unlogged).
 */
public final class StoreDatabase {

    private static final Map<Path, StoreDatabase> OPEN = new HashMap<>();

    private final Path directory;
    private final RocksDB db;
    private final OpenedDatabase opened;
    private final List<ColumnFamilyHandle> allHandles;
    private final Map<Family, ColumnFamilyHandle> handles = new EnumMap<>(Family.class);
    private final WriteOptions unlogged = new WriteOptions().setDisableWAL(true);
    private final WriteOptions logged = new WriteOptions();
    private final WriteOptions synced = new WriteOptions().setSync(true);
    private final ReadOptions reads = new ReadOptions();
    /** Held shared by every unlogged write, exclusively to take a consistent count of them. */
    private final ReentrantReadWriteLock unloggedWrites = new ReentrantReadWriteLock();
    private final AtomicLong unloggedStarted = new AtomicLong();
    private final Object flushLock = new Object();
    private volatile long flushedThrough;
    private int references;

    private StoreDatabase(Path directory, OpenedDatabase opened) {
        this.directory = directory;
        this.opened = opened;
        this.db = opened.db();
        this.allHandles = List.copyOf(opened.handles());
        for (Family f : Family.values()) {
            this.handles.put(f, allHandles.get(f.ordinal() + 1));
        }
    }

    /**
     * Starts loading RocksDB's native library in the background, for a process that is about to
     * open a store: the provider does so when a composition asks for the {@code rocksdb} type.
     */
    public static void loadLibraryAhead() {
        NativeLibrary.loadAhead();
    }

    /** The database of {@code directory} (created when missing) for writing; {@link #release()} it when done. */
    public static StoreDatabase acquire(Path directory) throws IOException {
        return acquire(directory, Access.READ_WRITE);
    }

    /**
     * The database of {@code directory} (created when missing); {@link #release()} it when done.
     * For {@link Access#READ_ONLY} it is opened read-only when it can be (see {@link OpenedDatabase}):
     * it then sees the store as it was at the open, and its writes fail. A database this process
     * already has open for writing serves readers too.
     */
    public static StoreDatabase acquire(Path directory, Access access) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        synchronized (OPEN) {
            StoreDatabase open = OPEN.get(dir);
            if (open != null) {
                checkAccess(open, dir, access);
            } else {
                NativeLibrary.load();
                open = new StoreDatabase(dir, access == Access.READ_ONLY ? OpenedDatabase.readOnly(dir)
                        : OpenedDatabase.readWrite(dir));
                OPEN.put(dir, open);
            }
            open.references++;
            return open;
        }
    }

    /**
     * Checks that a database this process has open serves {@code access}: one open for reading
     * only cannot serve a writer until every reference to it is released.
     */
    private static void checkAccess(StoreDatabase open, Path dir, Access access) throws StorageException {
        if (access == Access.READ_WRITE && open.opened.readersLock().isPresent()) {
            throw new StorageException("the store " + dir + " is open for reading only in this process;"
                    + " it cannot be opened for writing at the same time");
        }
    }

    /** The error for a store whose lock another process holds. */
    static StorageException inUse(Path dir) {
        return new StorageException("the store " + dir + " is in use by another process (a castore daemon?);"
                + " stop it, or reach the store through it with grpc+http://HOST:PORT");
    }

    /** The store directory. */
    public Path directory() {
        return directory;
    }

    /** Whether this database was opened read-only. */
    public boolean readOnly() {
        return opened.readersLock().isPresent();
    }

    /** Gives back a reference from {@link #acquire}; the last one closes the database. */
    public void release() {
        synchronized (OPEN) {
            if (--references > 0) {
                return;
            }
            OPEN.remove(directory);
        }
        synchronized (flushLock) {
            unlogged.close();
            logged.close();
            synced.close();
            reads.close();
            opened.close();
        }
    }

    /** A consistent view of the database as it is now, to iterate over; close it. */
    public DatabaseView view() {
        return new DatabaseView(this, db);
    }

    ColumnFamilyHandle handle(Family family) {
        return handles.get(family);
    }

    /** The size a value of {@link Family#SIZES} states. */
    public static long size(byte[] varint) throws CorruptDataException {
        long v = 0;
        for (int i = 0, shift = 0; i < varint.length && shift < 64; i++, shift += 7) {
            v |= (long) (varint[i] & 0x7f) << shift;
            if ((varint[i] & 0x80) == 0) {
                if (i != varint.length - 1 || v < 0) {
                    break;
                }
                return v;
            }
        }
        throw new CorruptDataException("a stored chunk size that is not one unsigned varint: "
                + java.util.HexFormat.of().formatHex(varint));
    }

    /** The value under {@code key}, checked by RocksDB's own checksums, not yet against the digest. */
    public Optional<byte[]> get(Family family, B3Digest key) throws StorageException {
        try {
            return Optional.ofNullable(db.get(handles.get(family), reads, key.toBytes()));
        } catch (RocksDBException e) {
            throw failure(directory + ": reading " + family.name().toLowerCase() + " " + key.toHex(), e);
        }
    }

    /** Whether {@code key} is stored. The bloom filters answer most absent keys without a read. */
    public boolean contains(Family family, B3Digest key) {
        byte[] k = key.toBytes();
        ColumnFamilyHandle cf = handles.get(family);
        return db.keyMayExist(cf, reads, k, null) && db.keyExists(cf, reads, k);
    }

    /** Stores one value; visible on return, durable as {@code durability} says. */
    public void put(Family family, B3Digest key, byte[] value, Durability durability) throws StorageException {
        try (WriteBatch batch = batchOf(family, key, value)) {
            write(batch, durability);
        } catch (RocksDBException e) {
            throw failure(directory + ": storing " + family.name().toLowerCase() + " " + key.toHex(), e);
        }
    }

    /**
     * Stores a value that is not yet part of anything visible to the caller's users (a chunk of a
     * blob being written): unlogged for {@link Durability#ON_SYNC}, logged but not synced otherwise
     * (the writer's durable commit then syncs it with the log).
     */
    public void putPart(Family family, B3Digest key, byte[] value, Durability durability) throws StorageException {
        try (WriteBatch batch = batchOf(family, key, value)) {
            if (durability == Durability.ON_SYNC) {
                writeUnlogged(batch);
            } else {
                db.write(logged, batch);
            }
        } catch (RocksDBException e) {
            throw failure(directory + ": storing " + family.name().toLowerCase() + " " + key.toHex(), e);
        }
    }

    /**
     * Deletes what is stored under {@code key} as a blob: its chunk list, its whole-blob chunk and
     * that chunk's size, in one logged batch: visible on return, surviving a crash of the process,
     * durable against a crash of the machine at the next sync.
     */
    public void deleteBlob(B3Digest key) throws StorageException {
        byte[] k = key.toBytes();
        try (WriteBatch batch = new WriteBatch()) {
            batch.delete(handles.get(Family.BLOBS), k);
            batch.delete(handles.get(Family.CHUNKS), k);
            batch.delete(handles.get(Family.SIZES), k);
            db.write(logged, batch);
        } catch (RocksDBException e) {
            throw failure(directory + ": deleting blob " + key.toHex(), e);
        }
    }

    /** One value in a batch; a chunk with its size (see {@link Family#SIZES}). */
    private WriteBatch batchOf(Family family, B3Digest key, byte[] value) throws RocksDBException {
        WriteBatch batch = new WriteBatch();
        byte[] k = key.toBytes();
        batch.put(handles.get(family), k, value);
        if (family == Family.CHUNKS) {
            batch.put(handles.get(Family.SIZES), k, varint(value.length));
        }
        return batch;
    }

    private static byte[] varint(long v) {
        byte[] out = new byte[10];
        int n = 0;
        while ((v & ~0x7fL) != 0) {
            out[n++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[n++] = (byte) v;
        return java.util.Arrays.copyOf(out, n);
    }

    /** Stores all of {@code values} atomically and durably (one synced write). */
    public void putAll(Family family, Map<B3Digest, byte[]> values) throws StorageException {
        try (WriteBatch batch = new WriteBatch()) {
            for (Map.Entry<B3Digest, byte[]> e : values.entrySet()) {
                batch.put(handles.get(family), e.getKey().toBytes(), e.getValue());
            }
            write(batch, Durability.ON_COMMIT);
        } catch (RocksDBException e) {
            throw failure(directory + ": storing " + values.size() + " " + family.name().toLowerCase(), e);
        }
    }

    private void write(WriteBatch batch, Durability durability) throws RocksDBException {
        if (durability == Durability.ON_SYNC) {
            writeUnlogged(batch);
            return;
        }
        if (unloggedStarted.get() > flushedThrough) {
            flush();
        }
        db.write(synced, batch);
    }

    private void writeUnlogged(WriteBatch batch) throws RocksDBException {
        unloggedWrites.readLock().lock();
        try {
            unloggedStarted.incrementAndGet();
            db.write(unlogged, batch);
        } finally {
            unloggedWrites.readLock().unlock();
        }
    }

    /** Makes every write that returned before this call durable; concurrent calls share a flush. */
    public void sync() throws StorageException {
        if (unloggedStarted.get() <= flushedThrough) {
            return;
        }
        try {
            flush();
        } catch (RocksDBException e) {
            throw failure(directory + ": sync", e);
        }
    }

    /**
     * Makes every write that returned before this call durable, logged unsynced ones included: for
     * a durable commit that found its data already stored by a writer that has not synced yet.
     */
    public void syncEverything() throws StorageException {
        try {
            if (unloggedStarted.get() > flushedThrough) {
                flush();
            }
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw failure(directory + ": sync", e);
        }
    }

    private void flush() throws RocksDBException {
        synchronized (flushLock) {
            long through;
            unloggedWrites.writeLock().lock();
            try {
                through = unloggedStarted.get();
            } finally {
                unloggedWrites.writeLock().unlock();
            }
            if (through <= flushedThrough) {
                return;
            }
            try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
                db.flush(wait, allHandles);
            }
            flushedThrough = through;
        }
    }

    /** The table files (names) holding {@code family}, for tests that damage them. */
    List<String> tableFiles(Family family) {
        String name = new String(family.columnFamilyName(), java.nio.charset.StandardCharsets.US_ASCII);
        return db.getLiveFilesMetaData().stream()
                .filter(m -> new String(m.columnFamilyName(), java.nio.charset.StandardCharsets.US_ASCII).equals(name))
                .map(m -> m.fileName().startsWith("/") ? m.fileName().substring(1) : m.fileName())
                .toList();
    }

    /** A RocksDB failure as the api's exception: damaged data is {@link CorruptDataException}. */
    static StorageException failure(String what, RocksDBException e) {
        Status s = e.getStatus();
        if (s != null && s.getCode() == Status.Code.Corruption) {
            return new CorruptDataException(what + ": " + e.getMessage(), e);
        }
        return new StorageException(what + ": " + e.getMessage(), e);
    }
}
