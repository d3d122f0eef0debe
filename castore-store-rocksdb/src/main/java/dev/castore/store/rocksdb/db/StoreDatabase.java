package dev.castore.store.rocksdb.db;

import dev.castore.api.CorruptDataException;
import dev.castore.api.StorageException;
import dev.castore.api.spi.Access;
import dev.castore.api.spi.NativeBlocking;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.rocksdb.pack.Lz4Codec;
import dev.castore.store.rocksdb.pack.PackFiles;
import dev.castore.store.rocksdb.pack.PackLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>Chunks. A chunk of {@value #INLINE_LIMIT} bytes or more is appended, LZ4-compressed unless
 * that saves too little, to the store's {@link PackFiles}; the database keeps its
 * {@link PackLocation} in {@link Family#LOCATIONS}. Smaller chunks stay in {@link Family#CHUNKS}.
 * The packs are synced before anything can make an index entry durable (see {@link PackFiles}).
 *
 * <p>Flushes. An index entry written unlogged becomes durable when its memtable is flushed, so
 * no flush may start before the packs holding the bytes it points to are synced. The store
 * therefore starts every flush itself: the memtables are far larger ({@code DatabaseOptions})
 * than the {@value #FLUSH_AT} bytes of writes after which the store flushes them, on a thread of
 * its own: it syncs the packs while writers go on, then, with unlogged writers held off, syncs
 * what was appended meanwhile and switches the memtables; RocksDB writes them out in the
 * background. Writers wait when {@value #STALL_AT} bytes are pending, so RocksDB's own
 * flush of a full memtable never comes first. (RocksDB's {@code onFlushBegin} event cannot
 * serve: its native thread does not see the plugin's classes.)
 */
public final class StoreDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);
    private static final Map<Path, StoreDatabase> OPEN = new HashMap<>();
    /** Chunks of this many bytes and more go to the pack files. */
    public static final int INLINE_LIMIT = 512;
    private static final ThreadLocal<byte[]> COMPRESSED = new ThreadLocal<>();
    /** Memtable bytes after which the store switches the memtables and has them flushed. */
    static final long FLUSH_AT = 16L << 20;
    /** Memtable bytes at which writers wait for that switch; below the memtables' size. */
    static final long STALL_AT = 40L << 20;
    /** Estimated memtable bytes of an entry beyond its key and value. */
    private static final int ENTRY_OVERHEAD = 64;

    private final Path directory;
    private final RocksDB db;
    private final OpenedDatabase opened;
    private final PackFiles packs;
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
    /** Bytes written into the memtables since they were last switched (an estimate from above). */
    private final AtomicLong memtableBytes = new AtomicLong();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Object flushed = new Object();
    private volatile StorageException backgroundFailure;
    /**
     * Held shared by every call into the native database (the store's background flushes
     * included), and exclusively by {@link #release} while it marks the database closed: RocksDB's
     * Java objects do not check whether they were closed, and a call on a closed one reads freed
     * memory.
     */
    private final ReentrantReadWriteLock calls = new ReentrantReadWriteLock();
    /** Set, under the write lock of {@link #calls}, when the last reference was released. */
    private boolean released;
    private volatile long flushedThrough;
    private int references;

    private StoreDatabase(Path directory, OpenedDatabase opened) throws IOException {
        this.directory = directory;
        this.opened = opened;
        this.db = opened.db();
        this.allHandles = List.copyOf(opened.handles());
        for (Family f : Family.values()) {
            this.handles.put(f, allHandles.get(f.ordinal() + 1));
        }
        if (opened.readersLock().isPresent()) {
            this.packs = PackFiles.forReading(directory);
        } else {
            try {
                this.packs = PackFiles.forWriting(directory, this::referencedEnds);
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
        }
    }

    /** For each pack, the end of the last chunk the index points into. */
    private Map<Integer, Long> referencedEnds() throws IOException {
        Map<Integer, Long> ends = new HashMap<>();
        try (RocksIterator it = db.newIterator(handles.get(Family.LOCATIONS))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                PackLocation l = PackLocation.decode(it.value());
                ends.merge(l.pack(), l.end(), Math::max);
            }
            try {
                it.status();
            } catch (RocksDBException e) {
                throw failure(directory + ": reading the chunk locations", e);
            }
        }
        return ends;
    }

    /**
     * Starts loading RocksDB's native library in the background, for a process that is about to
     * open a store: the provider does so when a composition asks for the {@code rocksdb} type.
     */
    public static void loadLibraryAhead() {
        NativeLibrary.loadAhead();
    }

    /**
     * Whether {@code directory} holds a store (RocksDB's {@code CURRENT} file): a read-only open
     * needs one, and a reader finds nothing where there is none.
     */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve("CURRENT"));
    }

    /**
     * Whether {@code directory} is known to hold no store: it is missing, not a directory, or a
     * directory without {@code CURRENT}. False for a store, and for a directory that cannot be
     * looked into (opening it then says why).
     */
    public static boolean absent(Path directory) {
        return !exists(directory) && (Files.notExists(directory) || Files.isRegularFile(directory)
                || Files.notExists(directory.resolve("CURRENT")));
    }

    /** Said after "there is no store at {@code directory}", one it is {@link #absent}: why not, when it is no directory. */
    public static String whyNone(Path directory) {
        return Files.isDirectory(directory) ? "" : Files.exists(directory) ? " (not a directory)" : " (no such directory)";
    }

    /** The database of {@code directory} (created when missing) for writing; {@link #release()} it when done. */
    public static StoreDatabase acquire(Path directory) throws IOException {
        return acquire(directory, Access.READ_WRITE);
    }

    /**
     * The database of {@code directory}; {@link #release()} it when done. For
     * {@link Access#READ_WRITE} it is created when missing. For {@link Access#READ_ONLY} it must
     * exist, and is opened read-only when it can be (see {@link OpenedDatabase}): it then sees the
     * store as it was at the open, and its writes fail. A database this process already has open
     * for writing serves readers too.
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

    /**
     * Gives back a reference from {@link #acquire}; the last one closes the database, once the
     * calls in flight (a read-ahead of a reader nobody waits for any more) have returned.
     */
    public void release() {
        synchronized (OPEN) {
            if (--references > 0) {
                return;
            }
            OPEN.remove(directory);
        }
        calls.writeLock().lock();
        try {
            released = true;
        } finally {
            calls.writeLock().unlock();
        }
        try {
            // The unlogged writes, which a close does not flush (DatabaseOptions); flush() syncs the
            // packs they point into first, and closing the packs syncs the rest.
            flush();
        } catch (StorageException | RocksDBException e) {
            LOG.warn("{}: closed without the writes since its last sync: {}", directory, e.getMessage());
        }
        unlogged.close();
        logged.close();
        synced.close();
        reads.close();
        opened.close();
        try {
            packs.close();
        } catch (StorageException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    /**
     * Fails while the store refuses writes until it is opened again: a sync of its packs failed
     * (see {@link PackFiles}). A database opened for reading only has nothing to refuse here.
     */
    public void checkWritable() throws StorageException {
        packs.checkNotFailed();
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
        enter();
        try {
            return Optional.ofNullable(db.get(handles.get(family), reads, key.toBytes()));
        } catch (RocksDBException e) {
            throw failure(directory + ": reading " + family.name().toLowerCase() + " " + key.toHex(), e);
        } finally {
            exit();
        }
    }

    /** Whether {@code key} is stored. The bloom filters answer most absent keys without a read. */
    public boolean contains(Family family, B3Digest key) throws StorageException {
        enter();
        try {
            byte[] k = key.toBytes();
            ColumnFamilyHandle cf = handles.get(family);
            return db.keyMayExist(cf, reads, k, null) && db.keyExists(cf, reads, k);
        } finally {
            exit();
        }
    }

    /** Stores one value; visible on return, durable as {@code durability} says. */
    public void put(Family family, B3Digest key, byte[] value, Durability durability) throws StorageException {
        enter();
        try (WriteBatch batch = batchOf(family, key, value)) {
            write(batch, durability);
        } catch (RocksDBException e) {
            throw failure(directory + ": storing " + family.name().toLowerCase() + " " + key.toHex(), e);
        } finally {
            exit();
        }
    }

    /**
     * Stores a value that is not yet part of anything visible to the caller's users (a chunk of a
     * blob being written): unlogged for {@link Durability#ON_SYNC}, logged but not synced otherwise
     * (the writer's durable commit then syncs it with the log).
     */
    public void putPart(Family family, B3Digest key, byte[] value, Durability durability) throws StorageException {
        enter();
        try (WriteBatch batch = batchOf(family, key, value)) {
            if (durability == Durability.ON_SYNC) {
                writeUnlogged(batch);
            } else {
                db.write(logged, batch);
                written(batch);
            }
        } catch (RocksDBException e) {
            throw failure(directory + ": storing " + family.name().toLowerCase() + " " + key.toHex(), e);
        } finally {
            exit();
        }
    }

    /**
     * A chunk's bytes, from a pack or from {@link Family#CHUNKS}; not yet checked against the digest.
     */
    public Optional<byte[]> chunk(B3Digest key) throws StorageException {
        return chunk(key, null).map(ByteBuffer::array);
    }

    /**
     * {@link #chunk(B3Digest)}, read into {@code scratch} (null for none) when the chunk is stored
     * in a pack as it is and fits: then the result is {@code scratch} itself, from its start;
     * else the buffer of a new array, whole.
     */
    public Optional<ByteBuffer> chunk(B3Digest key, ByteBuffer scratch) throws StorageException {
        enter();
        try {
            Optional<byte[]> location = get(Family.LOCATIONS, key);
            if (location.isEmpty()) {
                return get(Family.CHUNKS, key).map(ByteBuffer::wrap);
            }
            try {
                PackLocation l = PackLocation.decode(location.get());
                if (l.codec() != PackLocation.LZ4) {
                    return Optional.of(packs.read(l, scratch));
                }
                byte[] stored = packs.read(l);
                return Optional.of(ByteBuffer.wrap(Lz4Codec.decompress(stored, 0, stored.length, l.size())));
            } catch (CorruptDataException e) {
                throw new CorruptDataException(directory + ": chunk " + key.toHex() + ": " + e.getMessage(), e);
            }
        } finally {
            exit();
        }
    }

    /** A blob's chunks being written for a durable commit: their index entries wait here for it. */
    public static final class Staged implements AutoCloseable {
        private final WriteBatch batch = new WriteBatch();
        private final Set<B3Digest> keys = new HashSet<>();

        @Override
        public void close() {
            batch.close();
        }
    }

    /** A new, empty {@link Staged}; close it. */
    public Staged stage() {
        return new Staged();
    }

    /**
     * Stores a chunk the store does not have, {@code data[offset, offset + length)} (copied before
     * this returns): a small one in {@link Family#CHUNKS}, a larger one
     * appended to a pack (see {@link #INLINE_LIMIT}). Without {@code staged} (for a later
     * {@link #sync()}) its index entries are written unlogged now; with it they wait there for
     * {@link #commit}.
     */
    public void putChunk(B3Digest key, byte[] data, int offset, int length, Staged staged) throws StorageException {
        enter();
        try {
            if (staged != null && !staged.keys.add(key)) {
                return;
            }
            byte[] k = key.toBytes();
            try (WriteBatch own = staged == null ? new WriteBatch() : null) {
                WriteBatch batch = staged == null ? own : staged.batch;
                if (length < INLINE_LIMIT) {
                    batch.put(handles.get(Family.CHUNKS), k, Arrays.copyOfRange(data, offset, offset + length));
                } else {
                    batch.put(handles.get(Family.LOCATIONS), k, append(data, offset, length).encode());
                }
                batch.put(handles.get(Family.SIZES), k, varint(length));
                if (staged == null) {
                    writeUnlogged(own);
                }
            } catch (RocksDBException e) {
                throw failure(directory + ": storing chunk " + key.toHex(), e);
            }
        } finally {
            exit();
        }
    }

    /** Appends a chunk to a pack, compressed when that saves at least 1/32 of it. */
    private PackLocation append(byte[] data, int offset, int length) throws StorageException {
        int max = Lz4Codec.maxCompressedLength(length);
        byte[] buffer = COMPRESSED.get();
        if (buffer == null || buffer.length < max) {
            buffer = new byte[Math.max(max, 64 << 10)];
            COMPRESSED.set(buffer);
        }
        int n = Lz4Codec.compress(data, offset, length, buffer);
        if (n < length - (length >>> 5)) {
            return packs.append(buffer, 0, n, length, PackLocation.LZ4);
        }
        return packs.append(data, offset, length, length, PackLocation.RAW);
    }

    /**
     * Writes the index entries of {@code staged}, with {@code value} under {@code key} in
     * {@code family} when given, in one durable write, after syncing the packs they point into.
     */
    public void commit(Staged staged, Family family, B3Digest key, byte[] value) throws StorageException {
        enter();
        try {
            if (family != null) {
                staged.batch.put(handles.get(family), key.toBytes(), value);
            }
            write(staged.batch, Durability.ON_COMMIT);
        } catch (RocksDBException e) {
            throw failure(directory + ": committing " + (key == null ? "chunks" : key.toHex()), e);
        } finally {
            exit();
        }
    }

    /** The pack files (for tests). */
    PackFiles packs() {
        return packs;
    }

    /**
     * Deletes what is stored under {@code key} as a blob: its chunk list, its whole-blob chunk and
     * that chunk's size, in one logged batch: visible on return, surviving a crash of the process,
     * durable against a crash of the machine at the next sync.
     */
    public void deleteBlob(B3Digest key) throws StorageException {
        enter();
        try {
            byte[] k = key.toBytes();
            try (WriteBatch batch = new WriteBatch()) {
                batch.delete(handles.get(Family.BLOBS), k);
                batch.delete(handles.get(Family.CHUNKS), k);
                batch.delete(handles.get(Family.SIZES), k);
                batch.delete(handles.get(Family.LOCATIONS), k);
                db.write(logged, batch);
                written(batch);
            } catch (RocksDBException e) {
                throw failure(directory + ": deleting blob " + key.toHex(), e);
            }
        } finally {
            exit();
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
        enter();
        try (WriteBatch batch = new WriteBatch()) {
            for (Map.Entry<B3Digest, byte[]> e : values.entrySet()) {
                batch.put(handles.get(family), e.getKey().toBytes(), e.getValue());
            }
            write(batch, Durability.ON_COMMIT);
        } catch (RocksDBException e) {
            throw failure(directory + ": storing " + values.size() + " " + family.name().toLowerCase(), e);
        } finally {
            exit();
        }
    }

    private void write(WriteBatch batch, Durability durability) throws RocksDBException, StorageException {
        if (durability == Durability.ON_SYNC) {
            writeUnlogged(batch);
            return;
        }
        packs.sync();
        if (unloggedStarted.get() > flushedThrough) {
            flush();
        }
        // On the caller's thread, carrier or not: it waits for one fsync of the log, and handing it to
        // a platform thread (NativeBlocking) added 5 ms to the median put of a daemon under load,
        // the woken caller queueing for a carrier behind the other calls (BENCHMARKS.md).
        db.write(synced, batch);
        written(batch);
    }

    private void writeUnlogged(WriteBatch batch) throws RocksDBException, StorageException {
        unloggedWrites.readLock().lock();
        try {
            unloggedStarted.incrementAndGet();
            db.write(unlogged, batch);
        } finally {
            unloggedWrites.readLock().unlock();
        }
        written(batch);
    }

    /**
     * Counts a write into the memtables: past {@link #FLUSH_AT} a background switch and flush is
     * started, at {@link #STALL_AT} the writer waits for it. Called outside the writers' lock.
     */
    private void written(WriteBatch batch) throws RocksDBException, StorageException {
        long n = memtableBytes.addAndGet(batch.getDataSize() + (long) ENTRY_OVERHEAD * batch.count());
        if (n < FLUSH_AT) {
            return;
        }
        if (flushing.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("castore-flush").start(this::backgroundFlush);
        }
        if (n >= STALL_AT) {
            synchronized (flushed) {
                while (flushing.get() && memtableBytes.get() >= STALL_AT) {
                    try {
                        flushed.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StorageException(directory + ": interrupted waiting for a flush");
                    }
                }
            }
        }
        StorageException f = backgroundFailure;
        if (f != null) {
            throw new StorageException(f.getMessage(), f);
        }
    }

    /** Syncs the packs, then switches the memtables (see the class comment); RocksDB flushes them. */
    private void backgroundFlush() {
        // tryLock, not lock: a writer waiting for this flush holds the lock shared, and a release
        // queued for it exclusively would hold back a plain lock here. It fails only while the
        // release marks the database closed; a flush then has nothing to do.
        if (!calls.readLock().tryLock()) {
            flushDone();
            return;
        }
        try {
            if (released) {
                return;
            }
            synchronized (flushLock) {
                packs.sync();
                unloggedWrites.writeLock().lock();
                try {
                    packs.sync();
                    memtableBytes.set(0);
                    try (FlushOptions noWait = new FlushOptions().setWaitForFlush(false)) {
                        db.flush(noWait, allHandles);
                    }
                    backgroundFailure = null; // one that failed before (a full disk since freed) is over
                } finally {
                    unloggedWrites.writeLock().unlock();
                }
            }
        } catch (StorageException e) {
            backgroundFailure = e;
        } catch (RocksDBException | RuntimeException e) {
            backgroundFailure = new StorageException(directory + ": flushing: " + e.getMessage(), e);
        } finally {
            calls.readLock().unlock();
            flushDone();
        }
    }

    private void flushDone() {
        synchronized (flushed) {
            flushing.set(false);
            flushed.notifyAll();
        }
    }

    /** Makes every write that returned before this call durable; concurrent calls share a flush. */
    public void sync() throws StorageException {
        enter();
        try {
            if (unloggedStarted.get() <= flushedThrough) {
                return;
            }
            try {
                flush();
            } catch (RocksDBException e) {
                throw failure(directory + ": sync", e);
            }
        } finally {
            exit();
        }
    }

    /**
     * Makes every write that returned before this call durable, logged unsynced ones included: for
     * a durable commit that found its data already stored by a writer that has not synced yet.
     */
    public void syncEverything() throws StorageException {
        enter();
        try {
            packs.sync();
            if (unloggedStarted.get() > flushedThrough) {
                flush();
            }
            NativeBlocking.run(() -> db.flushWal(true));
        } catch (RocksDBException e) {
            throw failure(directory + ": sync", e);
        } finally {
            exit();
        }
    }

    /**
     * Flushes the memtables and waits: the packs are synced first while writers go on, then again,
     * with unlogged writers held off until the flush is done, for what they appended meanwhile.
     */
    private void flush() throws RocksDBException, StorageException {
        synchronized (flushLock) {
            if (unloggedStarted.get() <= flushedThrough) {
                return;
            }
            packs.sync();
            unloggedWrites.writeLock().lock();
            try {
                long through = unloggedStarted.get();
                if (through <= flushedThrough) {
                    return;
                }
                packs.sync();
                memtableBytes.set(0);
                try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
                    NativeBlocking.run(() -> db.flush(wait, allHandles)); // waits for the memtables to reach the disk
                }
                flushedThrough = through;
            } finally {
                unloggedWrites.writeLock().unlock();
            }
        }
    }

    /** Starts a call into the native database; fails once the database is closed. */
    private void enter() throws StorageException {
        calls.readLock().lock();
        if (released) {
            calls.readLock().unlock();
            throw new StorageException(directory + ": the store is closed");
        }
    }

    private void exit() {
        calls.readLock().unlock();
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
