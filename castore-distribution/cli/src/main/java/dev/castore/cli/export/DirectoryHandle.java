package dev.castore.cli.export;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import dev.castore.api.model.EscapedText;
import dev.castore.cli.RawNames;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An open directory, and what export does inside it: every entry is created, opened, renamed or
 * removed relative to this handle, by its name alone, and never through a symlink (directories
 * are opened with {@code O_NOFOLLOW | O_DIRECTORY}, files are created with
 * {@code O_CREAT | O_EXCL | O_NOFOLLOW}, modes are set on the open file). Whoever renames or
 * replaces entries meanwhile can make a call fail, never redirect it elsewhere.
 *
 * <p>Errors are one line: the path the user knows the entry by, and the C library's words for the
 * error number. {@link #path} is only computed for a message.
 */
final class DirectoryHandle implements AutoCloseable {

    private static final int DIRECTORY_FLAGS = Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC;

    private final int fd;
    private final Supplier<String> path;
    private boolean closed;

    private DirectoryHandle(int fd, Supplier<String> path) {
        this.fd = fd;
        this.path = path;
    }

    /** Opens {@code dir}, following symlinks in it: it is the directory the user named. */
    static DirectoryHandle open(Path dir) throws IOException {
        String display = EscapedText.of(RawNames.bytes(dir));
        int fd = Libc.openat(Libc.AT_FDCWD, RawNames.bytes(dir), DIRECTORY_FLAGS, 0);
        if (fd < 0) {
            throw failure(-fd, display);
        }
        return new DirectoryHandle(fd, () -> display);
    }

    /** The path of this directory, for messages. */
    String path() {
        return path.get();
    }

    /** The path of the entry {@code name} of this directory, for messages. */
    String path(byte[] name) {
        return path.get() + "/" + EscapedText.of(name);
    }

    /** Opens the directory {@code name}; fails when it is anything else, a symlink included. */
    DirectoryHandle openDirectory(byte[] name, Supplier<String> display) throws IOException {
        int child = Libc.openat(fd, name, DIRECTORY_FLAGS | Libc.O_NOFOLLOW, 0);
        if (child < 0) {
            throw failure(-child, display.get());
        }
        return new DirectoryHandle(child, display);
    }

    /** Creates the directory {@code name} with {@code mode} (less the umask). */
    void makeDirectory(byte[] name, int mode, Supplier<String> display) throws IOException {
        check(Libc.mkdirat(fd, name, mode), display);
    }

    /** Creates the symlink {@code name} pointing at {@code target}, which is stored, not resolved. */
    void makeSymlink(byte[] name, byte[] target, Supplier<String> display) throws IOException {
        check(Libc.symlinkat(target, fd, name), display);
    }

    /** Creates the file {@code name}, which must not exist, for writing; its mode is 0600 until set. */
    NewFile createFile(byte[] name, Supplier<String> display) throws IOException {
        int file = Libc.openat(fd, name, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0600);
        if (file < 0) {
            throw failure(-file, display.get());
        }
        return new NewFile(file, display);
    }

    /** Whether anything, a symlink included, is at {@code name}. */
    boolean contains(byte[] name) throws IOException {
        int probe = Libc.openat(fd, name, Libc.O_PATH | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
        if (probe >= 0) {
            Libc.close(probe);
            return true;
        }
        if (probe == -Libc.ENOENT) {
            return false;
        }
        throw failure(-probe, path(name));
    }

    /**
     * Renames {@code name} to {@code newName} in {@code target} with {@code renameat2} flags;
     * returns 0 or the error number, for the caller to decide.
     */
    int rename(byte[] name, DirectoryHandle target, byte[] newName, int flags) {
        int r = Libc.renameat(fd, name, target.fd, newName, flags);
        return r < 0 ? -r : 0;
    }

    /** Removes {@code name} unless it is a directory; whether it was removed. */
    boolean removeUnlessDirectory(byte[] name) throws IOException {
        int r = Libc.unlinkat(fd, name, 0);
        if (r == -Libc.EISDIR) {
            return false;
        }
        check(r, () -> path(name));
        return true;
    }

    /** Removes the empty directory {@code name}. */
    void removeEmptyDirectory(byte[] name) throws IOException {
        check(Libc.unlinkat(fd, name, Libc.AT_REMOVEDIR), () -> path(name));
    }

    /** The names of the entries, without {@code .} and {@code ..}. */
    List<byte[]> names() throws IOException {
        // A descriptor of its own: its read position is not shared with this handle.
        int listing = Libc.openat(fd, new byte[] {'.'}, DIRECTORY_FLAGS, 0);
        if (listing < 0) {
            throw failure(-listing, path());
        }
        List<byte[]> names = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64 * 1024);
            MemorySegment state = Libc.callState(arena);
            long n;
            while ((n = Libc.getdents64(listing, buffer, state)) > 0) {
                readEntries(buffer, n, names);
            }
            if (n < 0) {
                throw failure((int) -n, path());
            }
        } finally {
            Libc.close(listing);
        }
        return names;
    }

    /** Entries of struct linux_dirent64: inode (8), offset (8), record length (2), type (1), name. */
    private static void readEntries(MemorySegment buffer, long length, List<byte[]> names) {
        long at = 0;
        while (at < length) {
            int recordLength = Short.toUnsignedInt(buffer.get(JAVA_SHORT_UNALIGNED, at + 16));
            MemorySegment name = buffer.asSlice(at + 19, recordLength - 19);
            int end = 0;
            while (name.get(JAVA_BYTE, end) != 0) {
                end++;
            }
            byte[] bytes = name.asSlice(0, end).toArray(JAVA_BYTE);
            if (!(end == 1 && bytes[0] == '.') && !(end == 2 && bytes[0] == '.' && bytes[1] == '.')) {
                names.add(bytes);
            }
            at += recordLength;
        }
    }

    /** Makes everything written to this directory's file system so far durable ({@code syncfs}). */
    void syncFileSystem() throws IOException {
        check(Libc.syncfs(fd), () -> path.get() + " (syncing its file system)");
    }

    /** Makes the entries of this directory, renames into it included, durable ({@code fsync}). */
    void sync() throws IOException {
        check(Libc.fsync(fd), () -> path.get() + " (syncing the directory)");
    }

    private static void check(int result, Supplier<String> display) throws IOException {
        if (result < 0) {
            throw failure(-result, display.get());
        }
    }

    /** The exception for {@code errno} at {@code path}: one line, the path and the C library's words. */
    static IOException failure(int errno, String path) {
        String reason = Libc.strerror(errno);
        return switch (errno) {
            case Libc.ENOENT -> new NoSuchFileException(path, null, reason);
            case Libc.EEXIST -> new FileAlreadyExistsException(path, null, reason);
            case Libc.EACCES, Libc.EPERM -> new AccessDeniedException(path, null, reason);
            default -> new FileSystemException(path, null, reason);
        };
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
