package dev.castore.cli.export;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.Supplier;

/**
 * A file export created and holds open: bytes are written and the mode is set through the open
 * descriptor ({@code write}, {@code fchmod}), so nothing that replaces the file's name meanwhile
 * can receive them.
 */
final class NewFile implements AutoCloseable {

    /** The unit of holes: a page, and the block size of the common file systems. */
    static final int BLOCK = 4096;
    private static final MemorySegment ZEROS = MemorySegment.ofArray(new byte[BLOCK]);

    private final int fd;
    private final Supplier<String> path;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment state = Libc.callState(arena);

    NewFile(int fd, Supplier<String> path) {
        this.fd = fd;
        this.path = path;
    }

    /** Writes the first {@code length} bytes of {@code bytes}, all of them. */
    void write(MemorySegment bytes, long length) throws IOException {
        long done = 0;
        while (done < length) {
            long n = Libc.write(fd, bytes.asSlice(done), length - done, state);
            if (n < 0) {
                throw DirectoryHandle.failure((int) -n, path.get());
            }
            done += n;
        }
    }

    /**
     * Writes the first {@code length} bytes of {@code bytes} as {@link #write} does, but leaves
     * each whole block of {@value #BLOCK} zero bytes as a hole: seeks past it instead of writing
     * it. The blocks are counted from the start of {@code bytes}, which must start at a multiple of
     * {@value #BLOCK} of the file for the holes to be the file system's. A file that may end in a
     * hole needs {@link #setLength} after its last write.
     */
    void writeSparse(MemorySegment bytes, long length) throws IOException {
        long at = 0;
        while (at < length) {
            boolean zeros = zeroBlock(bytes, at, length);
            long end = Math.min(at + BLOCK, length);
            while (end < length && zeroBlock(bytes, end, length) == zeros) {
                end = Math.min(end + BLOCK, length);
            }
            if (zeros) {
                long r = Libc.lseek(fd, end - at, Libc.SEEK_CUR, state);
                if (r < 0) {
                    throw DirectoryHandle.failure((int) -r, path.get());
                }
            } else {
                write(bytes.asSlice(at), end - at);
            }
            at = end;
        }
    }

    /** Whether the block at {@code at} is whole and all zeros. */
    private static boolean zeroBlock(MemorySegment bytes, long at, long length) {
        return length - at >= BLOCK && bytes.asSlice(at, BLOCK).mismatch(ZEROS) == -1;
    }

    /** Sets the file's length: after {@link #writeSparse}, a hole at its end. */
    void setLength(long length) throws IOException {
        int r = Libc.ftruncate(fd, length, state);
        if (r < 0) {
            throw DirectoryHandle.failure(-r, path.get());
        }
    }

    /** Sets the permission bits, e.g. 0644. */
    void setMode(int mode) throws IOException {
        int r = Libc.fchmod(fd, mode);
        if (r < 0) {
            throw DirectoryHandle.failure(-r, path.get());
        }
    }

    @Override
    public void close() {
        Libc.close(fd);
        arena.close();
    }
}
