package dev.castore.store.objectstore.backend;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.castore.api.StorageException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
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
 * Makes a batch of written files, or of renames, durable. On Linux with one {@code syncfs} of
 * the file system that holds them: one call, however many files, that the kernel turns into
 * large sequential writes. Elsewhere (or without native access) with an {@code fsync} of each
 * file or directory, many at a time so that the file system can commit them together.
 */
final class FileSystemSync {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemSync.class);
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;

    private FileSystemSync() {}

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
            fd = (int) nat.get().open().invokeExact(arena.allocateFrom(directory.toString()), O_RDONLY | O_CLOEXEC);
        } catch (Throwable e) {
            return false;
        }
        if (fd < 0) {
            return false;
        }
        try {
            int rc = (int) nat.get().syncfs().invokeExact(fd);
            if (rc != 0) {
                throw new StorageException("syncfs of the file system of " + directory + " failed: the data may not"
                        + " be on the disk");
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
                    throw new StorageException("cannot sync: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while syncing");
                }
            }
        }
    }

    /** open, syncfs and close from the C library, bound once; absent where they cannot be. */
    private record Native(MethodHandle open, MethodHandle syncfs, MethodHandle close) {

        static final Optional<Native> INSTANCE = bind();

        private static Optional<Native> bind() {
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                return Optional.of(new Native(
                        linker.downcallHandle(libc.find("open").orElseThrow(),
                                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2)),
                        linker.downcallHandle(libc.find("syncfs").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
                        linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT))));
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("no syncfs here ({}): files are synced one by one", e.toString());
                return Optional.empty();
            }
        }
    }
}
