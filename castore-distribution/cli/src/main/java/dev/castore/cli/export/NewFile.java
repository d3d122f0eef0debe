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
