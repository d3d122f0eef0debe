package dev.castore.store.memory;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.castore.api.StorageException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of a memory store: anonymous files in memory (Linux {@code memfd_create}), grown by
 * appending extents, written and read with the kernel's copy ({@code pwrite}, {@code pread}).
 *
 * <p>Why not arrays or native memory segments: every page of a process's own memory costs a page
 * fault on first write, and on virtual machines those are expensive (measured on the 2-core VMs
 * this is built on: 3 to 4 s to first-write 1 GiB of anonymous memory, against 0.3 s to write it
 * into a memory file, where the kernel allocates and fills the pages without faulting). Stores
 * of many gigabytes are also kept out of the Java heap this way.
 *
 * <p>The extents are spread over {@link #STRIPES} such files, in turn: a write into a file holds
 * its inode's lock while the kernel allocates and fills the pages, so the writes of two threads
 * into one file take turns (two threads writing 4 GiB: 2.1 to 3.2 s into one file, 0.9 to 1.0 s
 * into two). An offset names the file in its top bits.
 *
 * <p>Reads and writes call {@code pread} and {@code pwrite} directly: a {@link FileChannel} is
 * closed for every thread when one thread is interrupted in the middle of an operation, which
 * must not take a shared store down. Where {@code memfd_create} is missing (not Linux, or native
 * access denied), each file is a temporary file deleted right after opening, in {@code /dev/shm}
 * if that exists, read and written through a channel. An extent that
 * is given back ({@link #release}) has its pages freed (a hole is punched), so abandoned writes
 * cost no memory; that is done on a thread of the file's own, as the kernel takes about 0.15 s to
 * free a GiB, which a writer that found its blob already stored need not wait for. Thread-safe:
 * concurrent appends get disjoint extents.
 */
final class MemoryFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryFile.class);
    private static final int MFD_CLOEXEC = 1;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int FALLOC_FL_PUNCH_HOLE = 2;

    /** Files the extents are spread over: one per core that may write at once, at least two. */
    static final int STRIPES = Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 16);
    /** Bits of an offset that are the position within its file: 256 TiB each. */
    private static final int POSITION_BITS = 48;
    private static final long POSITION_MASK = (1L << POSITION_BITS) - 1;
    /** Ends the releasing thread once it reaches it. */
    private static final Runnable STOP = () -> { };

    /** One file: a channel (the fallback) or a memfd. */
    private record Stripe(FileChannel channel, int fd, AtomicLong end) {}

    private final Stripe[] stripes;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * What the releasing thread is to do: free an extent given back (or signal a waiter). Not
     * bounded: a released extent's memory was all in use a moment ago, and the kernel frees it
     * several times faster than it is written, so no more than that is ever waiting.
     */
    private final BlockingQueue<Runnable> toFree = new LinkedBlockingQueue<>();
    /** Frees what is released; started with the first release, ended by {@link #close}. */
    private Thread releaser;
    private boolean closed;

    private MemoryFile(Stripe[] stripes) {
        this.stripes = stripes;
    }

    /** A new, empty memory file named {@code name} (for /proc listings). */
    static MemoryFile create(String name) throws IOException {
        Stripe[] stripes = new Stripe[STRIPES];
        try {
            for (int i = 0; i < stripes.length; i++) {
                stripes[i] = stripe(name);
            }
        } catch (IOException | RuntimeException e) {
            new MemoryFile(stripes).close();
            throw e;
        }
        return new MemoryFile(stripes);
    }

    private static Stripe stripe(String name) throws IOException {
        Optional<Native> nat = Native.get();
        if (nat.isPresent()) {
            int fd = nat.get().memfd(name);
            if (fd >= 0) {
                return new Stripe(null, fd, new AtomicLong());
            }
        }
        Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        Path file = Files.createTempFile(dir, "castore-memory-", ".bin");
        try {
            return new Stripe(FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE), -1, new AtomicLong());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Appends the remaining bytes of {@code src} as a new extent and returns its offset. */
    long append(ByteBuffer src) throws IOException {
        long offset = reserve(src.remaining());
        write(offset, src);
        return offset;
    }

    /** Room for {@code length} bytes, to {@link #write} later (from any thread): its offset. */
    long reserve(long length) throws StorageException {
        int s = Math.floorMod(next.getAndIncrement(), stripes.length);
        long position = stripes[s].end().getAndAdd(length);
        if (position + length > POSITION_MASK) {
            throw new StorageException("memory store: more than " + (POSITION_MASK >> 40) + " TiB in one of its files");
        }
        return (long) s << POSITION_BITS | position;
    }

    private Stripe stripeOf(long offset) {
        return stripes[(int) (offset >>> POSITION_BITS)];
    }

    /** Writes the remaining bytes of {@code src} at {@code offset}, in room {@link #reserve reserved} for them. */
    void write(long offset, ByteBuffer src) throws IOException {
        Stripe stripe = stripeOf(offset);
        long at = offset & POSITION_MASK;
        while (src.hasRemaining()) {
            int n = stripe.channel() != null ? stripe.channel().write(src, at) : Native.get().orElseThrow().pwrite(stripe.fd(), src, at);
            at += n;
        }
    }

    /** Fills {@code dst} from {@code offset}; the bytes must have been appended. */
    void read(long offset, ByteBuffer dst) throws IOException {
        Stripe stripe = stripeOf(offset);
        long at = offset & POSITION_MASK;
        while (dst.hasRemaining()) {
            int n = stripe.channel() != null ? stripe.channel().read(dst, at) : Native.get().orElseThrow().pread(stripe.fd(), dst, at);
            if (n <= 0) {
                throw new StorageException("memory store: read past the end of its memory at " + at);
            }
            at += n;
        }
    }

    /** Replaces bytes in place: only for tests that damage stored data. */
    void overwrite(long offset, ByteBuffer src) throws IOException {
        write(offset, src);
    }

    /**
     * Frees the memory of an extent that is no longer needed (best effort), soon after, on the
     * releasing thread; its bytes must not be read again.
     */
    void release(long offset, long length) {
        Stripe stripe = stripeOf(offset);
        Optional<Native> nat = Native.get();
        if (stripe.fd() < 0 || length <= 0 || nat.isEmpty()) {
            return;
        }
        later(() -> nat.get().punchHole(stripe.fd(), offset & POSITION_MASK, length));
    }

    /** Waits until what was released before the call is freed. */
    void awaitReleases() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        if (later(done::countDown)) {
            done.await();
        }
    }

    /** Hands {@code task} to the releasing thread, unless the file is closed (its memory is freed then). */
    private synchronized boolean later(Runnable task) {
        if (closed) {
            return false;
        }
        if (releaser == null) {
            releaser = Thread.ofPlatform().daemon().name("castore-memory-release").start(this::freeReleased);
        }
        toFree.add(task);
        return true;
    }

    private void freeReleased() {
        while (true) {
            try {
                Runnable task = toFree.take();
                if (task == STOP) {
                    return;
                }
                task.run();
            } catch (InterruptedException e) {
                // Only close() stops this thread, after everything queued before it.
            } catch (RuntimeException e) {
                LOG.debug("memory store: freeing a released extent failed: {}", e.toString());
            }
        }
    }

    /** Bytes appended so far, released extents included. */
    long size() {
        long size = 0;
        for (Stripe stripe : stripes) {
            size += stripe.end().get();
        }
        return size;
    }

    /**
     * Closes the files, each on a thread of its own: the kernel frees a file's pages in the call
     * that closes it, about 0.1 s per GiB, so the files of a large store are freed on every core.
     */
    @Override
    public void close() throws IOException {
        // No hole may be punched after this: a closed file's descriptor number is soon another's.
        Thread stopping;
        synchronized (this) {
            closed = true;
            stopping = releaser;
            if (stopping != null) {
                toFree.add(STOP);
            }
        }
        if (stopping != null) {
            joinUninterruptibly(stopping);
        }
        List<Thread> closers = new ArrayList<>();
        List<IOException> failed = new CopyOnWriteArrayList<>();
        for (Stripe stripe : stripes) {
            if (stripe != null) {
                closers.add(Thread.ofPlatform().name("castore-memory-close").start(() -> {
                    if (stripe.channel() != null) {
                        try {
                            stripe.channel().close();
                        } catch (IOException e) {
                            failed.add(e);
                        }
                    }
                    if (stripe.fd() >= 0) {
                        Native.get().ifPresent(n -> n.close(stripe.fd()));
                    }
                }));
            }
        }
        for (Thread closer : closers) {
            joinUninterruptibly(closer);
        }
        if (!failed.isEmpty()) {
            throw failed.getFirst();
        }
    }

    /** Waits for {@code thread} to end; an interrupt is kept for the caller (the files are closed all the same). */
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The C library functions this needs, bound once; absent where they cannot be. */
    private record Native(MethodHandle memfdCreate, MethodHandle fallocate, MethodHandle close, MethodHandle pread,
            MethodHandle pwrite) {

        private static final Optional<Native> INSTANCE = bind();

        static Optional<Native> get() {
            return INSTANCE;
        }

        private static Optional<Native> bind() {
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                return Optional.of(new Native(
                        linker.downcallHandle(libc.find("memfd_create").orElseThrow(),
                                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
                        linker.downcallHandle(libc.find("fallocate").orElseThrow(),
                                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG)),
                        linker.downcallHandle(libc.find("close").orElseThrow(),
                                FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
                        // critical: the buffers may be on the heap, and the calls do not block for long
                        linker.downcallHandle(libc.find("pread").orElseThrow(),
                                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG),
                                Linker.Option.critical(true)),
                        linker.downcallHandle(libc.find("pwrite").orElseThrow(),
                                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG),
                                Linker.Option.critical(true))));
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("no memfd_create here ({}); the memory store uses a deleted temporary file", e.toString());
                return Optional.empty();
            }
        }

        int memfd(String name) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment cName = arena.allocateFrom(name);
                return (int) memfdCreate.invokeExact(cName, MFD_CLOEXEC);
            } catch (Throwable e) {
                return -1;
            }
        }

        int pread(int fd, ByteBuffer dst, long offset) throws IOException {
            long n = transfer(pread, "pread", fd, dst, offset);
            if (n < 0) {
                throw new IOException("memory store: pread at " + offset + " failed");
            }
            dst.position(dst.position() + (int) n);
            return (int) n;
        }

        int pwrite(int fd, ByteBuffer src, long offset) throws IOException {
            long n = transfer(pwrite, "pwrite", fd, src, offset);
            if (n < 0) {
                throw new IOException("memory store: pwrite of " + src.remaining() + " bytes at " + offset
                        + " failed (out of memory?)");
            }
            src.position(src.position() + (int) n);
            return (int) n;
        }

        /**
         * Calls {@code call}, pread or pwrite (named {@code name}), on the bytes remaining in
         * {@code buffer}: the count it returns, negative when the call failed.
         */
        private static long transfer(MethodHandle call, String name, int fd, ByteBuffer buffer, long offset)
                throws IOException {
            try {
                return (long) call.invokeExact(fd, MemorySegment.ofBuffer(buffer), (long) buffer.remaining(), offset);
            } catch (Throwable e) {
                throw new IOException("memory store: " + name + " failed: " + e, e);
            }
        }

        void punchHole(int fd, long offset, long length) {
            try {
                int rc = (int) fallocate.invokeExact(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length);
                if (rc != 0) {
                    LOG.debug("could not free {} bytes of the memory store at {}", length, offset);
                }
            } catch (Throwable e) {
                LOG.debug("could not free memory of the memory store: {}", e.toString());
            }
        }

        void close(int fd) {
            try {
                int rc = (int) close.invokeExact(fd);
            } catch (Throwable e) {
                LOG.debug("closing the memory file failed: {}", e.toString());
            }
        }
    }
}
