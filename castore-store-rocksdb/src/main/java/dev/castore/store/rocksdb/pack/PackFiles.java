package dev.castore.store.rocksdb.pack;

import dev.castore.api.CorruptDataException;
import dev.castore.api.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunk bytes of a store, in append-only pack files under {@code packs/} of the store
 * directory: a pack is a 16-byte header, then stored chunks one after the other, each found
 * through the index ({@link PackLocation}); the pack itself has no other structure and no
 * checksum, since every chunk read is verified against its BLAKE3 digest.
 *
 * <p>A process that opens the store for writing appends to a pack of its own, {@code N.pack.open}
 * while it writes, renamed {@code N.pack} when it is done (a new one is started past
 * {@value #MAX_PACK_SIZE} bytes). A {@code .open} pack found by the next writer was left by a
 * killed process: {@link #recover} cuts it after the last chunk the index points into, or
 * deletes it when the index points into none, and renames it.
 *
 * <p>Durability. {@link #sync()} makes every append that returned before it durable (it writes
 * the buffered appends, then an {@code fdatasync}); concurrent callers share one (group commit).
 * The store calls it before anything that can make index entries durable: a synced write and
 * every flush of the memtables, all of which the store starts itself. An index entry is written
 * after its chunk's append returned, so it never becomes durable before the chunk's bytes. Bytes
 * appended but not yet synced may be lost to a crash; no durable index entry points to them.
 *
 * <p>A failed sync is final. After a failed {@code fsync} Linux may have dropped the dirty pages
 * it could not write and report the next {@code fsync} successful, so no later sync of these
 * packs can be trusted: every later append and sync fails, and {@link #close} leaves the pack
 * being written {@code .open}, for the next writer to cut after what the durable index points
 * into. A failed write (a full disk) loses nothing and fails only the call that made it.
 */
public final class PackFiles implements AutoCloseable {

    /** The folder of the packs in a store directory. */
    public static final String DIRECTORY = "packs";
    private static final Logger LOG = LoggerFactory.getLogger(PackFiles.class);
    private static final byte[] HEADER = "castore-pack 1\n\0".getBytes(StandardCharsets.US_ASCII);
    /** Where the first chunk of a pack starts. */
    public static final long FIRST_OFFSET = HEADER.length;
    static final long MAX_PACK_SIZE = 1L << 30;
    /**
     * Appended bytes after which a background sync starts, as RocksDB's {@code bytes_per_sync}
     * does for its files: the kernel writes the pack out while the import goes on, and the sync
     * that makes an import durable finds little left to write (without it, 465 MB waited for the
     * last sync of a first import).
     */
    static final long WRITEBACK_BYTES = 16L << 20;
    private static final int BUFFER_SIZE = 1 << 20;
    private static final String SEALED = ".pack";
    private static final String OPEN = ".pack.open";

    private final Path dir;
    private final boolean writable;
    private final Map<Integer, FileChannel> readers = new ConcurrentHashMap<>();

    private final Object appendLock = new Object();
    /** The pack being appended to, or null until the first append. */
    private FileChannel current;
    private volatile int currentId;
    private long end;
    /**
     * Appends not yet written to the pack, from file offset {@code bufferedFrom} on: chunks are
     * copied here and written a buffer at a time, not with a system call each (46,000 for the
     * benchmark tree). Read from here until written; written before every sync.
     */
    private ByteBuffer buffer;
    private volatile long bufferedFrom;
    private int nextId;
    private final AtomicLong appends = new AtomicLong();
    /** Bytes appended since the last background sync started (appendLock). */
    private long unsyncedBytes;
    private final AtomicBoolean writingBack = new AtomicBoolean();

    private final Object syncLock = new Object();
    private volatile long syncedThrough;
    private final AtomicLong syncs = new AtomicLong();
    private volatile IOException failed;
    private volatile Device device = new Device() { };
    private boolean closed;

    private PackFiles(Path dir, boolean writable, int nextId) {
        this.dir = dir;
        this.writable = writable;
        this.nextId = nextId;
    }

    /** The packs of the store directory {@code storeDir}, for reading only. */
    public static PackFiles forReading(Path storeDir) {
        return new PackFiles(storeDir.resolve(DIRECTORY), false, -1);
    }

    /**
     * The packs of {@code storeDir} for appending, after {@link #recover} of what a killed writer
     * left; the caller holds the store's write lock.
     *
     * @param referencedEnds for each pack id, the end of the last chunk the (recovered) index
     *     points into; asked only when a killed writer left a pack
     */
    public static PackFiles forWriting(Path storeDir, ReferencedEnds referencedEnds) throws IOException {
        Path dir = storeDir.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            syncDirectory(storeDir);
        }
        int max = 0;
        List<Path> open = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                int id = id(name);
                if (id > 0) {
                    max = Math.max(max, id);
                    if (name.endsWith(OPEN)) {
                        open.add(p);
                    }
                }
            }
        }
        if (!open.isEmpty()) {
            recover(dir, open, referencedEnds.get());
        }
        return new PackFiles(dir, true, max + 1);
    }

    /** The ends of the chunks the index points into, per pack id. */
    @FunctionalInterface
    public interface ReferencedEnds {
        Map<Integer, Long> get() throws IOException;
    }

    /** The id of a pack's file name, or 0 when it is not one. */
    private static int id(String name) {
        String stem = name.endsWith(OPEN) ? name.substring(0, name.length() - OPEN.length())
                : name.endsWith(SEALED) ? name.substring(0, name.length() - SEALED.length()) : null;
        if (stem == null || stem.length() != 8 || !stem.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Integer.parseInt(stem);
    }

    private static String name(int id, String suffix) {
        return String.format("%08d%s", id, suffix);
    }

    /** Cuts each pack a killed writer left after the last chunk the index points into, or deletes it. */
    private static void recover(Path dir, List<Path> open, Map<Integer, Long> ends) throws IOException {
        for (Path p : open) {
            int id = id(p.getFileName().toString());
            long keep = ends.getOrDefault(id, 0L);
            if (keep <= FIRST_OFFSET) {
                Files.delete(p);
                LOG.info("{}: removed {}, left unfinished by an earlier process", dir, p.getFileName());
                continue;
            }
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                if (ch.size() < keep) {
                    throw new CorruptDataException("pack " + p + " has " + ch.size() + " bytes; the index points up to "
                            + keep);
                }
                if (ch.size() > keep) {
                    LOG.info("{}: cut {} from {} to {} bytes, the end an earlier process left unfinished", dir,
                            p.getFileName(), ch.size(), keep);
                    ch.truncate(keep);
                }
                ch.force(true);
            }
            Files.move(p, dir.resolve(name(id, SEALED)), StandardCopyOption.ATOMIC_MOVE);
        }
        syncDirectory(dir);
    }

    /**
     * Appends {@code data[offset, offset + length)}, stored as {@code codec} says, and returns where
     * it is; the bytes are copied before this returns, readable then, and durable after the next
     * {@link #sync()}.
     */
    public PackLocation append(byte[] data, int offset, int length, int size, int codec) throws StorageException {
        if (!writable) {
            throw new StorageException(dir + ": the store is open for reading only");
        }
        checkNotFailed();
        synchronized (appendLock) {
            try {
                if (closed) {
                    throw new StorageException(dir + ": the pack files are closed");
                }
                if (current == null || end + length > MAX_PACK_SIZE) {
                    startPack();
                }
                long at = end;
                if (length >= BUFFER_SIZE / 2) {
                    writeBuffer();
                    write(ByteBuffer.wrap(data, offset, length), at);
                    bufferedFrom = at + length;
                } else {
                    if (length > buffer.remaining()) {
                        writeBuffer();
                    }
                    buffer.put(data, offset, length);
                }
                end = at + length;
                appends.incrementAndGet();
                unsyncedBytes += length;
                if (unsyncedBytes >= WRITEBACK_BYTES && writingBack.compareAndSet(false, true)) {
                    unsyncedBytes = 0;
                    Thread.ofPlatform().daemon().name("castore-pack-sync").start(this::writeBack);
                }
                return new PackLocation(currentId, at, length, size, codec);
            } catch (IOException e) {
                throw new StorageException(dir + ": appending to pack " + name(currentId, OPEN) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Writes the buffered appends to the pack; when that fails, they stay buffered, to be written
     * again by the next call. Holds appendLock.
     */
    private void writeBuffer() throws IOException {
        if (buffer == null || buffer.position() == 0) {
            return;
        }
        int n = buffer.position();
        write(buffer.slice(0, n), bufferedFrom);
        bufferedFrom += n;
        buffer.clear();
    }

    /** Writes {@code b} at {@code at} of the pack being written. Holds appendLock. */
    private void write(ByteBuffer b, long at) throws IOException {
        int start = b.position();
        for (int attempt = 1; ; attempt++) {
            b.position(start);
            long pos = at;
            try {
                FileChannel ch = writer();
                while (b.hasRemaining()) {
                    pos += device.write(ch, b, pos);
                }
                return;
            } catch (ClosedChannelException e) {
                if (e instanceof ClosedByInterruptException || attempt == 3) {
                    throw e;
                }
                // Another thread's interrupt closed the channel under us: reopened, written again.
            }
        }
    }

    /**
     * The channel of the pack being written, opened again when an interrupt of a thread using it
     * closed it (channels close on interrupt). Holds appendLock.
     */
    private FileChannel writer() throws IOException {
        if (!current.isOpen()) {
            current = FileChannel.open(dir.resolve(name(currentId, OPEN)), StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        }
        return current;
    }

    /** Starts a new pack; the one before is synced, renamed and closed. Holds appendLock. */
    private void startPack() throws IOException {
        if (current != null) {
            sealCurrent();
            current = null;
        }
        int id = nextId++;
        Path p = dir.resolve(name(id, OPEN));
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            device.write(ch, ByteBuffer.wrap(HEADER), 0);
            syncDirectory(dir);
        } catch (IOException e) {
            // A full disk, say: the next append starts another pack; this one holds nothing.
            ch.close();
            Files.deleteIfExists(p);
            throw e;
        }
        current = ch;
        end = FIRST_OFFSET;
        bufferedFrom = FIRST_OFFSET;
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        }
        currentId = id;
    }

    /**
     * Writes and syncs the pack being written, closes it and renames it {@code N.pack}; the caller
     * syncs the directory. Holds appendLock.
     */
    private void sealCurrent() throws IOException {
        writeBuffer();
        force(writer());
        current.close();
        Files.move(dir.resolve(name(currentId, OPEN)), dir.resolve(name(currentId, SEALED)),
                StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Makes every append that returned before this call durable; callers at the same time share
     * one sync.
     */
    public void sync() throws StorageException {
        long target = appends.get();
        if (syncedThrough >= target) {
            return;
        }
        synchronized (syncLock) {
            if (syncedThrough >= target) {
                return;
            }
            checkNotFailed();
            long now;
            for (int attempt = 1; ; attempt++) {
                FileChannel ch;
                try {
                    synchronized (appendLock) {
                        if (closed) {
                            return; // close() wrote and synced everything
                        }
                        writeBuffer();
                        now = appends.get();
                        if (current == null) {
                            break; // the last pack was sealed, synced, and no other started
                        }
                        ch = writer();
                    }
                } catch (ClosedByInterruptException e) {
                    throw new StorageException(dir + ": syncing the pack files: interrupted", e);
                } catch (IOException e) {
                    throw new StorageException(dir + ": writing the pack files: " + e.getMessage(), e);
                }
                try {
                    force(ch);
                    break;
                } catch (ClosedChannelException e) {
                    if (e instanceof ClosedByInterruptException || attempt == 3) {
                        throw new StorageException(dir + ": syncing the pack files: interrupted", e);
                    }
                    // Closed by another thread's interrupt: opened again, synced again.
                } catch (IOException e) {
                    throw new StorageException(dir + ": syncing the pack files failed: " + e.getMessage()
                            + "; the store refuses writes until it is opened again", e);
                }
            }
            syncs.incrementAndGet();
            syncedThrough = now;
        }
    }

    /**
     * Syncs {@code ch}; a failure other than the channel's closing (by an interrupt, when nothing
     * was synced) is kept as {@link #failed}, for good.
     */
    private void force(FileChannel ch) throws IOException {
        try {
            device.force(ch);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            if (failed == null) {
                failed = e;
            }
            throw e;
        }
    }

    /** Fails once a sync of the packs has failed (see the class comment). */
    public void checkNotFailed() throws StorageException {
        IOException f = failed;
        if (f != null) {
            throw new StorageException(dir + ": the store refuses writes until it is opened again: a sync of its pack"
                    + " files failed (" + f.getMessage() + "), and bytes written before it may be lost", f);
        }
    }

    /** The calls that write and sync the packs, which tests replace with a device that fails. */
    public interface Device {
        /** {@link FileChannel#write(ByteBuffer, long)}. */
        default int write(FileChannel channel, ByteBuffer src, long position) throws IOException {
            return channel.write(src, position);
        }

        /** {@code FileChannel.force(false)}: {@code fdatasync}. */
        default void force(FileChannel channel) throws IOException {
            channel.force(false);
        }
    }

    /** Writes and syncs the packs through {@code device} from now on, for tests of a failing one. */
    public void useDeviceForTests(Device device) {
        this.device = device;
    }

    private void writeBack() {
        try {
            sync();
        } catch (StorageException e) {
            // A failed sync is kept (failed) and fails the next append; an interrupt is retried by the next sync.
            LOG.debug("{}: background sync: {}", dir, e.getMessage());
        } finally {
            writingBack.set(false);
        }
    }

    /** How many times the packs were synced (for tests of the ordering). */
    public long syncCount() {
        return syncs.get();
    }

    /** The stored bytes at {@code location}, as stored (compressed or not). */
    public byte[] read(PackLocation location) throws StorageException {
        return read(location, null).array();
    }

    /**
     * {@link #read(PackLocation)} into {@code scratch} (from its start; null for none) when the
     * stored bytes fit in it: then the result is {@code scratch} itself, else a new array's buffer.
     */
    public ByteBuffer read(PackLocation location, ByteBuffer scratch) throws StorageException {
        ByteBuffer b = scratch != null && location.length() <= scratch.capacity()
                ? scratch.clear().limit(location.length()) : ByteBuffer.allocate(location.length());
        if (location.pack() == currentId && location.offset() >= bufferedFrom) {
            synchronized (appendLock) {
                if (location.pack() == currentId && location.offset() >= bufferedFrom) {
                    if (location.end() > end) {
                        throw new CorruptDataException(dir + ": " + location + " is past the end of pack "
                                + location.pack());
                    }
                    b.put(0, buffer, (int) (location.offset() - bufferedFrom), location.length());
                    return b;
                }
            }
        }
        for (int attempt = 1; ; attempt++) {
            FileChannel ch = channel(location.pack());
            b.clear().limit(location.length());
            long pos = location.offset();
            try {
                while (b.hasRemaining()) {
                    int n = ch.read(b, pos);
                    if (n < 0) {
                        throw new CorruptDataException(dir + ": pack " + location.pack() + " ends before " + location
                                + " does");
                    }
                    pos += n;
                }
                return b.flip();
            } catch (ClosedChannelException e) {
                readers.remove(location.pack(), ch);
                if (e instanceof ClosedByInterruptException || attempt == 3) {
                    throw new StorageException(dir + ": reading pack " + location.pack() + ": interrupted", e);
                }
                // Closed by another reader's interrupt: opened again, read again.
            } catch (IOException e) {
                throw new StorageException(dir + ": reading pack " + location.pack() + ": " + e.getMessage(), e);
            }
        }
    }

    private FileChannel channel(int id) throws StorageException {
        FileChannel ch = readers.get(id);
        if (ch != null) {
            return ch;
        }
        synchronized (readers) {
            ch = readers.get(id);
            if (ch != null) {
                return ch;
            }
            // Twice: the writer may rename the pack between the two names' opens.
            for (String suffix : List.of(SEALED, OPEN, SEALED)) {
                try {
                    ch = FileChannel.open(dir.resolve(name(id, suffix)), StandardOpenOption.READ);
                    readers.put(id, ch);
                    return ch;
                } catch (NoSuchFileException e) {
                    // the other name, or missing
                } catch (IOException e) {
                    throw new StorageException(dir + ": opening pack " + id + ": " + e.getMessage(), e);
                }
            }
            throw new CorruptDataException(dir + ": pack " + name(id, SEALED) + ", which the index points into, is"
                    + " missing");
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Syncs and seals the pack being written (renamed to {@code N.pack}, or deleted when it holds
     * nothing) and closes every pack.
     */
    @Override
    public void close() throws StorageException {
        synchronized (appendLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (current != null && failed != null) {
                    LOG.warn("{}: left {} for the next writer to cut, after a failed sync", dir, name(currentId, OPEN));
                    current.close();
                } else if (current != null) {
                    sealCurrent();
                    syncDirectory(dir);
                }
            } catch (IOException e) {
                throw new StorageException(dir + ": closing pack " + currentId + ": " + e.getMessage(), e);
            } finally {
                if (current != null && current.isOpen()) {
                    try {
                        current.close();
                    } catch (IOException e) {
                        LOG.warn("{}: closing {}: {}", dir, name(currentId, OPEN), e.getMessage());
                    }
                }
                for (FileChannel ch : readers.values()) {
                    try {
                        ch.close();
                    } catch (IOException e) {
                        LOG.warn("{}: closing a pack: {}", dir, e.getMessage());
                    }
                }
                readers.clear();
            }
        }
    }
}
