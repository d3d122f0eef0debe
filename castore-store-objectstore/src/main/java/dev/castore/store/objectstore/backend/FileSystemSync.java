package dev.castore.store.objectstore.backend;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.castore.api.FileErrors;
import dev.castore.api.StorageException;
import dev.castore.api.spi.NativeBlocking;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes new files so that the disk starts on them at once, and makes a batch of written files,
 * or of renames, durable. On Linux a file is written with its writeback started right away
 * ({@code sync_file_range(SYNC_FILE_RANGE_WRITE)}, which does not wait), so the disk works while
 * the caller hashes and compresses the next ones, and a batch is made durable with one
 * {@code syncfs} of the file system that holds it: one call, however many files. Elsewhere (or
 * without native access) files are written through a channel and synced with an {@code fsync}
 * of each file or directory, many at a time so that the file system can commit them together.
 */
final class FileSystemSync {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemSync.class);
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;

    private FileSystemSync() {}

    /**
     * Creates {@code file} (it must not exist) holding {@code length} bytes of {@code data} from
     * {@code offset}, its writeback started.
     */
    static void writeNew(Path file, byte[] data, int offset, int length) throws IOException {
        Optional<Native> nat = Native.INSTANCE;
        // On the caller's thread: the chunks' uploads run on platform threads, and the one other
        // write of a blob, its chunk list, is small (NativeBlocking says what a hand-over costs).
        if (nat.isPresent() && nat.get().writeNew(file, data, offset, length)) {
            return;
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(data, offset, length);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        }
    }

    /** The data of {@code files}, all in the file system of {@code anyDirectory}, reaches the disk. */
    static void flush(Path anyDirectory, Collection<Path> files) throws IOException {
        if (!syncFileSystem(anyDirectory)) {
            forceEach(files, false);
        }
    }

    /** The entries of {@code directories} (renames into them) reach the disk. */
    static void flushDirectories(Path anyDirectory, Collection<Path> directories) throws IOException {
        if (!syncFileSystem(anyDirectory)) {
            forceEach(directories, true);
        }
    }

    /** {@code syncfs} of the file system holding {@code directory}; false where it cannot be called. */
    private static boolean syncFileSystem(Path directory) throws IOException {
        Optional<Native> nat = Native.INSTANCE;
        if (nat.isEmpty()) {
            return false;
        }
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = (int) nat.get().open().invokeExact(arena.allocateFrom(directory.toString()), O_RDONLY | O_CLOEXEC, 0);
        } catch (Throwable e) {
            return false;
        }
        if (fd < 0) {
            return false;
        }
        try {
            // Off the virtual threads' carriers: syncfs waits for every dirty page of the file system.
            String error = NativeBlocking.call(() -> nat.get().syncfs(fd));
            if (error != null) {
                throw new StorageException("syncfs of the file system of " + directory + " failed: " + error
                        + "; the data may not be on the disk");
            }
            return true;
        } catch (StorageException e) {
            throw e;
        } catch (Throwable e) {
            return false;
        } finally {
            try {
                int closed = (int) nat.get().close().invokeExact(fd);
            } catch (Throwable e) {
                LOG.debug("close after syncfs failed: {}", e.toString());
            }
        }
    }

    private static void forceEach(Collection<Path> paths, boolean directories) throws IOException {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> done = new ArrayList<>();
            for (Path p : paths) {
                done.add(pool.submit(() -> {
                    try (FileChannel ch = FileChannel.open(p, directories ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
                        ch.force(directories);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new StorageException("cannot sync: " + FileErrors.inWords(e.getCause()), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while syncing");
                }
            }
        }
    }

    /** The C library functions this uses, bound once; absent where they cannot be. */
    private record Native(MethodHandle open, MethodHandle syncfs, MethodHandle close, MethodHandle write,
            MethodHandle syncFileRange, MethodHandle strerror) {

        static final Optional<Native> INSTANCE = bind();

        private static Optional<Native> bind() {
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                return Optional.of(new Native(
                        linker.downcallHandle(libc.find("open").orElseThrow(),
                                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2)),
                        linker.downcallHandle(libc.find("syncfs").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT),
                                Linker.Option.captureCallState("errno")),
                        linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
                        // critical: the data is a heap array, and a write of a chunk does not block for long
                        linker.downcallHandle(libc.find("write").orElseThrow(),
                                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG),
                                Linker.Option.critical(true), Linker.Option.captureCallState("errno")),
                        linker.downcallHandle(libc.find("sync_file_range").orElseThrow(),
                                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT)),
                        linker.downcallHandle(libc.find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT))));
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("no syncfs here ({}): files are synced one by one", e.toString());
                return Optional.empty();
            }
        }

        private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
        private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        private static final int O_WRONLY = 1;
        private static final int O_CREAT = 0100;
        private static final int O_EXCL = 0200;
        private static final int SYNC_FILE_RANGE_WRITE = 2;

        /** Writes a new file with its writeback started; false when the calls themselves cannot be made. */
        boolean writeNew(Path file, byte[] data, int offset, int length) throws IOException {
            int fd;
            try (Arena arena = Arena.ofConfined()) {
                fd = (int) open.invokeExact(arena.allocateFrom(file.toString()), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                        0644);
            } catch (Throwable e) {
                return false;
            }
            if (fd < 0) {
                return false; // the channel then reports why, with the JDK's message
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(CALL_STATE);
                MemorySegment bytes = MemorySegment.ofArray(data).asSlice(offset, length);
                long done = 0;
                while (done < length) {
                    long n = (long) write.invokeExact(state, fd, bytes.asSlice(done), length - done);
                    if (n < 0) {
                        int errno = (int) ERRNO.get(state, 0L);
                        if (errno == EINTR) {
                            continue;
                        }
                        throw new IOException("write failed: " + strerror(errno));
                    }
                    done += n;
                }
                int started = (int) syncFileRange.invokeExact(fd, 0L, 0L, SYNC_FILE_RANGE_WRITE);
                return true;
            } catch (IOException e) {
                throw e;
            } catch (Throwable e) {
                throw new IOException("writing " + file + " failed: " + e, e);
            } finally {
                try {
                    int closed = (int) close.invokeExact(fd);
                } catch (Throwable e) {
                    LOG.debug("close of {} failed: {}", file, e.toString());
                }
            }
        }

        private static final int EINTR = 4;

        /** {@code syncfs(fd)}: 0, or the error's text when it failed. */
        String syncfs(int fd) throws IOException {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(CALL_STATE);
                int rc = (int) syncfs.invokeExact(state, fd);
                return rc == 0 ? null : strerror((int) ERRNO.get(state, 0L));
            } catch (Throwable e) {
                throw new IOException("syncfs could not be called: " + e, e);
            }
        }

        /** The C library's text for {@code errno} ("No space left on device"). */
        String strerror(int errno) {
            try {
                MemorySegment text = (MemorySegment) strerror.invokeExact(errno);
                return text.reinterpret(256).getString(0);
            } catch (Throwable e) {
                return "errno " + errno;
            }
        }
    }
}
