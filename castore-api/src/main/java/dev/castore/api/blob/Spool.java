package dev.castore.api.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of any size held for a while and read back: a blob received whole that is served only
 * once its digest matched, or one hashed before the store it goes to is known. Appended in order,
 * read at any position, gone when closed. Not thread-safe.
 *
 * <p>A spool of at most {@link #HEAP_BYTES} (most blobs of a tree are smaller) stays in an array
 * on the heap and makes no file. Beyond that, the first bytes are kept in memory, in a file on
 * the tmpfs at {@code /dev/shm}, while the
 * memory spools of the process together hold less than a quarter of the memory the system had
 * available when the first one was made, and each at most half of the room {@code /dev/shm} had
 * when it began (a container's may be small, and others use it too); the rest goes to a file in
 * the directory given, on disk. Why memory first: the kernel fills new pages of a disk
 * file's cache several times slower than those of a tmpfs (1 GiB on the 2-core machines this is
 * measured on: 0.9 to 1.5 s into an ext4 file, 0.24 s into {@code /dev/shm}), and those pages
 * are all new, as a spool is written once. Both files are unlinked as soon as they are open, so a
 * process that dies leaves nothing behind.
 */
public final class Spool implements AutoCloseable {

    private static final Path SHARED_MEMORY = Path.of("/dev/shm");
    private static final int TRANSFER_BUFFER = 256 * 1024;

    /**
     * The most bytes a spool keeps on the heap before it makes a file: a file's creation, unlink
     * and close cost more than the copy of a small blob (an import of 20,000 files of 100 bytes
     * to 16 KB through a sharding store: 3.55 s and 2.66 system CPU-s with a file for each, 1.86
     * s and 0.96 without).
     */
    static final int HEAP_BYTES = 64 * 1024;

    /** How much all the memory spools of a process may hold together. */
    static final class MemoryBudget {

        private static final MemoryBudget PROCESS = new MemoryBudget(
                Files.isDirectory(SHARED_MEMORY) ? memAvailable() / 4 : 0);

        private final long limit;
        private final AtomicLong used = new AtomicLong();

        MemoryBudget(long limit) {
            this.limit = limit;
        }

        /** Takes up to {@code wanted} bytes of the budget; returns how many it got. */
        int take(int wanted) {
            while (true) {
                long now = used.get();
                long granted = Math.min(wanted, limit - now);
                if (granted <= 0) {
                    return 0;
                }
                if (used.compareAndSet(now, now + granted)) {
                    return (int) granted;
                }
            }
        }

        void giveBack(long bytes) {
            used.addAndGet(-bytes);
        }

        long used() {
            return used.get();
        }

        /** {@code MemAvailable} of {@code /proc/meminfo}, or 0 where there is none. */
        private static long memAvailable() {
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
                for (String line : lines) {
                    if (line.startsWith("MemAvailable:")) {
                        String[] words = line.substring("MemAvailable:".length()).trim().split("\\s+");
                        return Long.parseLong(words[0]) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or not readable: no memory spools
            }
            return 0;
        }
    }

    private final Path memoryDirectory;
    private final Path diskDirectory;
    private final MemoryBudget budget;
    /** The bytes while there are at most {@link #heapLimit} of them; null once they went to the files. */
    private byte[] heap = new byte[0];
    private final int heapLimit;
    private FileChannel memory;
    /** The most bytes this spool keeps in memory: half the room its memory directory had. */
    private long memoryCap = Long.MAX_VALUE;
    private FileChannel disk;
    /** Bytes in {@link #memory}: the spool's first ones. */
    private long inMemory;
    /** Once set, no more bytes go to memory: the ones after {@link #inMemory} are on disk. */
    private boolean memoryDone;
    private long size;
    private boolean open = true;

    /** A spool whose bytes beyond what memory holds go to a file in {@code diskDirectory}. */
    public Spool(Path diskDirectory) {
        this(SHARED_MEMORY, diskDirectory, MemoryBudget.PROCESS, HEAP_BYTES);
    }

    Spool(Path memoryDirectory, Path diskDirectory, MemoryBudget budget, int heapLimit) {
        this.memoryDirectory = memoryDirectory;
        this.diskDirectory = diskDirectory;
        this.budget = budget;
        this.heapLimit = heapLimit;
    }

    /** Appends the remaining bytes of {@code src}, all of them. */
    public void append(ByteBuffer src) throws IOException {
        ensureOpen();
        if (heap != null) {
            int n = src.remaining();
            if (size + n <= heapLimit) {
                if (size + n > heap.length) {
                    heap = Arrays.copyOf(heap, (int) Math.min(heapLimit, Math.max(size + n, 2L * heap.length)));
                }
                src.get(heap, (int) size, n);
                size += n;
                return;
            }
            // Too large for the heap: what it holds goes first into the files.
            ByteBuffer held = ByteBuffer.wrap(heap, 0, (int) size);
            heap = null;
            size = 0;
            appendToFiles(held);
        }
        appendToFiles(src);
    }

    private void appendToFiles(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            int granted = memoryDone ? 0 : budget.take((int) Math.min(src.remaining(), memoryCap - inMemory));
            if (granted == 0) {
                memoryDone = true;
                FileChannel to = disk != null ? disk : (disk = openFile(diskDirectory));
                int before = src.remaining();
                try {
                    while (src.hasRemaining()) {
                        to.write(src);
                    }
                } finally {
                    size += before - src.remaining();
                }
                return;
            }
            ByteBuffer part = src.slice(src.position(), granted);
            try {
                if (memory == null) {
                    memoryCap = Files.getFileStore(memoryDirectory).getUsableSpace() / 2;
                    memory = openFile(memoryDirectory);
                    if (memoryCap < granted) {
                        part.limit((int) memoryCap);
                    }
                }
                while (part.hasRemaining()) {
                    memory.write(part);
                }
            } catch (IOException e) {
                // No room left in /dev/shm, or none there: the rest goes to disk.
                memoryDone = true;
            } finally {
                int written = part.position();
                budget.giveBack(granted - written);
                inMemory += written;
                size += written;
                src.position(src.position() + written);
            }
        }
    }

    /** The number of bytes appended. */
    public long size() {
        return size;
    }

    /** Bytes held in memory, for tests. */
    long inMemory() {
        return inMemory;
    }

    /**
     * Reads bytes from {@code position} into {@code dst}, at most to the end of the part they
     * are in (memory or disk); returns how many, or -1 at the end.
     */
    public int read(ByteBuffer dst, long position) throws IOException {
        ensureOpen();
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= size) {
            return -1;
        }
        if (heap != null) {
            int n = (int) Math.min(dst.remaining(), size - position);
            dst.put(heap, (int) position, n);
            return n;
        }
        boolean inMemoryPart = position < inMemory;
        FileChannel from = inMemoryPart ? memory : disk;
        long at = inMemoryPart ? position : position - inMemory;
        long partEnd = inMemoryPart ? inMemory : size - inMemory;
        int limit = dst.limit();
        dst.limit(dst.position() + (int) Math.min(dst.remaining(), partEnd - at));
        try {
            int n = from.read(dst, at);
            if (n < 0) {
                throw new IOException("a spool file ended before the " + size + " bytes written to the spool");
            }
            return n;
        } finally {
            dst.limit(limit);
        }
    }

    /** A reader over the bytes appended, which owns this spool from now on: closing it closes the spool. */
    public BlobReader reader() throws IOException {
        ensureOpen();
        return new Reader();
    }

    @Override
    public void close() throws IOException {
        if (!open) {
            return;
        }
        open = false;
        heap = null;
        budget.giveBack(inMemory);
        try (FileChannel m = memory; FileChannel d = disk) {
            // both closed, and so deleted
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    private static FileChannel openFile(Path directory) throws IOException {
        Path file = Files.createTempFile(directory, "castore-spool-", "");
        try {
            // DELETE_ON_CLOSE unlinks the file right after opening it (on Unix).
            return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The spool's bytes as a blob: seeking is free. */
    private final class Reader implements BlobReader {

        private long position;

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = Spool.this.read(dst, position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long position() throws IOException {
            ensureOpen();
            return position;
        }

        @Override
        public BlobReader position(long newPosition) throws IOException {
            ensureOpen();
            if (newPosition < 0) {
                throw new IllegalArgumentException("negative position " + newPosition);
            }
            position = newPosition;
            return this;
        }

        /** Through one direct buffer: the kernel copies each byte out of the spool and into {@code out}, nothing else. */
        @Override
        public long transferTo(WritableByteChannel out) throws IOException {
            ensureOpen();
            if (heap != null) {
                ByteBuffer rest = ByteBuffer.wrap(heap, (int) Math.min(position, size), (int) Math.max(0, size - position));
                long n = rest.remaining();
                while (rest.hasRemaining()) {
                    out.write(rest);
                }
                position += n;
                return n;
            }
            return Copies.through(this, ByteBuffer.allocateDirect(TRANSFER_BUFFER), out);
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            Spool.this.close();
        }
    }
}
