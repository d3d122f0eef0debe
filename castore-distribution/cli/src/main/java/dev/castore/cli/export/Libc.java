package dev.castore.cli.export;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * The Linux system calls that create, open, change and remove entries relative to an open
 * directory ({@code openat}, {@code mkdirat}, {@code symlinkat}, {@code renameat2},
 * {@code unlinkat}, {@code fchmod}, ...), through the C library and the FFM API. The JDK offers
 * no {@code mkdirat} or {@code symlinkat}, and its path-based calls resolve every component
 * again, which a concurrent writer can redirect with a symlink.
 *
 * <p>Every call returns its result, or {@code -errno} when it failed, so that callers decide per
 * error. Names are byte strings (a NUL is appended). Linux only; the flag values that differ
 * between architectures are chosen by {@code os.arch}.
 */
final class Libc {

    static final int AT_FDCWD = -100;
    static final int AT_REMOVEDIR = 0x200;
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_CLOEXEC = 02000000;
    static final int O_PATH = 010000000;
    static final int O_DIRECTORY;
    static final int O_NOFOLLOW;
    static final int RENAME_NOREPLACE = 1;
    static final int RENAME_EXCHANGE = 2;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int EINVAL = 22;
    static final int ENOSYS = 38;
    static final int ENOTEMPTY = 39;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle OPENAT = errnoFunction("openat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(3));
    private static final MethodHandle MKDIRAT = errnoFunction("mkdirat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SYMLINKAT = errnoFunction("symlinkat",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle UNLINKAT = errnoFunction("unlinkat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RENAMEAT = errnoFunction("renameat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    /** Absent from C libraries older than glibc 2.28: then no flags can be given to a rename. */
    private static final Optional<MethodHandle> RENAMEAT2 = optionalErrnoFunction("renameat2",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FCHMOD = errnoFunction("fchmod", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE = errnoFunction("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle LSEEK = errnoFunction("lseek",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle FTRUNCATE = errnoFunction("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle GETDENTS64 = errnoFunction("getdents64",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = errnoFunction("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SYNCFS = errnoFunction("syncfs", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FSYNC = errnoFunction("fsync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(symbol("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    static {
        // The generic values; arm, aarch64 and powerpc number these two differently.
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean armStyle = arch.startsWith("aarch64") || arch.startsWith("arm") || arch.startsWith("ppc");
        O_DIRECTORY = armStyle ? 040000 : 0200000;
        O_NOFOLLOW = armStyle ? 0100000 : 0400000;
    }

    private Libc() {}

    private static Optional<MemorySegment> symbol(String name) {
        return LINKER.defaultLookup().find(name);
    }

    private static Optional<MethodHandle> optionalErrnoFunction(String name, FunctionDescriptor fd, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(options, 0, all, 1, options.length);
        return symbol(name).map(s -> LINKER.downcallHandle(s, fd, all));
    }

    private static MethodHandle errnoFunction(String name, FunctionDescriptor fd, Linker.Option... options) {
        return optionalErrnoFunction(name, fd, options)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name));
    }

    /** A NUL-terminated copy of {@code bytes}. */
    private static MemorySegment cString(Arena arena, byte[] bytes) {
        MemorySegment s = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, s, JAVA_BYTE, 0, bytes.length);
        return s;
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static int result(int r, MemorySegment state) {
        return r >= 0 ? r : -errno(state);
    }

    static int openat(int dirfd, byte[] name, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment path = cString(arena, name);
            int r;
            do {
                r = result((int) OPENAT.invokeExact(state, dirfd, path, flags, mode), state);
            } while (r == -EINTR);
            return r;
        } catch (Throwable t) {
            throw failedCall("openat", t);
        }
    }

    static int mkdirat(int dirfd, byte[] name, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            return result((int) MKDIRAT.invokeExact(state, dirfd, cString(arena, name), mode), state);
        } catch (Throwable t) {
            throw failedCall("mkdirat", t);
        }
    }

    static int symlinkat(byte[] target, int dirfd, byte[] name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            return result((int) SYMLINKAT.invokeExact(state, cString(arena, target), dirfd, cString(arena, name)), state);
        } catch (Throwable t) {
            throw failedCall("symlinkat", t);
        }
    }

    static int unlinkat(int dirfd, byte[] name, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            return result((int) UNLINKAT.invokeExact(state, dirfd, cString(arena, name), flags), state);
        } catch (Throwable t) {
            throw failedCall("unlinkat", t);
        }
    }

    /**
     * Renames {@code from} in {@code fromDir} to {@code to} in {@code toDir} with
     * {@code renameat2}'s flags; {@code -EINVAL} when the file system or C library cannot honour
     * the flags. Without flags it is a plain {@code renameat}.
     */
    static int renameat(int fromDir, byte[] from, int toDir, byte[] to, int flags) {
        if (flags != 0 && RENAMEAT2.isEmpty()) {
            return -EINVAL;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment a = cString(arena, from);
            MemorySegment b = cString(arena, to);
            int r = flags == 0
                    ? (int) RENAMEAT.invokeExact(state, fromDir, a, toDir, b)
                    : (int) RENAMEAT2.get().invokeExact(state, fromDir, a, toDir, b, flags);
            r = result(r, state);
            // A kernel without renameat2 at all is a file system without the flags.
            return r == -ENOSYS ? -EINVAL : r;
        } catch (Throwable t) {
            throw failedCall("renameat2", t);
        }
    }

    /** Flushes the whole file system that holds {@code fd}: every file and directory written to it. */
    static int syncfs(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            return result((int) SYNCFS.invokeExact(state, fd), state);
        } catch (Throwable t) {
            throw failedCall("syncfs", t);
        }
    }

    /** Flushes one file or directory (for a directory: the entries renamed into it). */
    static int fsync(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int r;
            do {
                r = result((int) FSYNC.invokeExact(state, fd), state);
            } while (r == -EINTR);
            return r;
        } catch (Throwable t) {
            throw failedCall("fsync", t);
        }
    }

    static int fchmod(int fd, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            return result((int) FCHMOD.invokeExact(state, fd, mode), state);
        } catch (Throwable t) {
            throw failedCall("fchmod", t);
        }
    }

    /** Writes bytes from native memory; the count written, or {@code -errno}. */
    static long write(int fd, MemorySegment bytes, long length, MemorySegment state) {
        try {
            long r;
            do {
                r = (long) WRITE.invokeExact(state, fd, bytes, length);
                r = r >= 0 ? r : -errno(state);
            } while (r == -EINTR);
            return r;
        } catch (Throwable t) {
            throw failedCall("write", t);
        }
    }

    static final int SEEK_CUR = 1;

    /** Moves the file offset (from the current one with {@link #SEEK_CUR}); the new offset, or {@code -errno}. */
    static long lseek(int fd, long offset, int whence, MemorySegment state) {
        try {
            long r = (long) LSEEK.invokeExact(state, fd, offset, whence);
            return r >= 0 ? r : -errno(state);
        } catch (Throwable t) {
            throw failedCall("lseek", t);
        }
    }

    /** Sets the file's length; 0, or {@code -errno}. */
    static int ftruncate(int fd, long length, MemorySegment state) {
        try {
            int r;
            do {
                r = result((int) FTRUNCATE.invokeExact(state, fd, length), state);
            } while (r == -EINTR);
            return r;
        } catch (Throwable t) {
            throw failedCall("ftruncate", t);
        }
    }

    /** Reads directory entries into {@code buffer} (struct linux_dirent64); 0 at the end, or {@code -errno}. */
    static long getdents64(int fd, MemorySegment buffer, MemorySegment state) {
        try {
            long r = (long) GETDENTS64.invokeExact(state, fd, buffer, buffer.byteSize());
            return r >= 0 ? r : -errno(state);
        } catch (Throwable t) {
            throw failedCall("getdents64", t);
        }
    }

    /** Space for the errno of the calls that take one. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            // Linux releases the descriptor even when close reports an error: nothing to retry.
            int ignored = (int) CLOSE.invokeExact(arena.allocate(CALL_STATE), fd);
        } catch (Throwable t) {
            throw failedCall("close", t);
        }
    }

    /** The C library's text for an error number, e.g. "Permission denied". */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw failedCall("strerror", t);
        }
    }

    private static IllegalStateException failedCall(String name, Throwable t) {
        return new IllegalStateException("calling " + name + " of the C library failed: " + t, t);
    }
}
