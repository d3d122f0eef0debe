package dev.castore.fuse;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import dev.castore.api.spi.FailureLog;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code struct fuse_operations} of a mount: getattr, readlink, open, read, release and
 * readdir as upcalls into a {@link TreeFileSystem}; every other operation is left empty, which
 * libfuse answers with ENOSYS (and the read-only mount refuses writes before that). A callback
 * never lets an exception reach native code: a store failure is EIO, logged.
 */
final class FuseOperations {

    private static final Logger LOG = LoggerFactory.getLogger(FuseOperations.class);

    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int EROFS = 30;
    private static final int O_ACCMODE = 3;
    private static final int MAX_PATH = 4096;

    private final TreeFileSystem fs;
    private final LibFuse fuse;
    private final int uid;
    private final int gid;
    /** A failing store (a backend out of reach) fails every request of a {@code find} over the mount. */
    private final FailureLog failures = new FailureLog(LOG::warn, LOG::debug);

    FuseOperations(TreeFileSystem fs, LibFuse fuse) {
        this.fs = fs;
        this.fuse = fuse;
        this.uid = fuse.uid();
        this.gid = fuse.gid();
    }

    /** The operations structure, its upcall stubs allocated in {@code arena} (which must outlive the mount). */
    MemorySegment struct(Arena arena) throws ReflectiveOperationException {
        MemorySegment ops = arena.allocate(Layout.OPERATIONS_SIZE, 8);
        ops.set(ADDRESS, Layout.OP_GETATTR, stub(arena, "getattr", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS)));
        ops.set(ADDRESS, Layout.OP_READLINK, stub(arena, "readlink", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG)));
        ops.set(ADDRESS, Layout.OP_OPEN, stub(arena, "open", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)));
        ops.set(ADDRESS, Layout.OP_READ, stub(arena, "read",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS)));
        ops.set(ADDRESS, Layout.OP_RELEASE, stub(arena, "release", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)));
        ops.set(ADDRESS, Layout.OP_READDIR, stub(arena, "readdir",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT)));
        return ops;
    }

    private MemorySegment stub(Arena arena, String name, FunctionDescriptor descriptor) throws ReflectiveOperationException {
        MethodType type = descriptor.toMethodType();
        MethodHandle target = MethodHandles.lookup().findVirtual(FuseOperations.class, name, type).bindTo(this);
        return Linker.nativeLinker().upcallStub(target, descriptor, arena);
    }

    int getattr(MemorySegment path, MemorySegment stat, MemorySegment fi) {
        try {
            Optional<Node> node = fs.lookup(cString(path));
            if (node.isEmpty()) {
                return -ENOENT;
            }
            MemorySegment st = stat.reinterpret(Layout.STAT_SIZE);
            st.fill((byte) 0);
            Node n = node.get();
            long size = TreeFileSystem.size(n);
            int mode = switch (n) {
                case DirectoryNode d -> 0040555;
                case FileNode f -> f.executable() ? 0100555 : 0100444;
                case SymlinkNode s -> 0120777;
            };
            long links = n instanceof DirectoryNode d ? 2 + fs.directory(d).directories().size() : 1;
            st.set(JAVA_LONG, Layout.ST_NLINK, links);
            st.set(JAVA_INT, Layout.ST_MODE, mode);
            st.set(JAVA_INT, Layout.ST_UID, uid);
            st.set(JAVA_INT, Layout.ST_GID, gid);
            st.set(JAVA_LONG, Layout.ST_SIZE, size);
            st.set(JAVA_LONG, Layout.ST_BLKSIZE, 4096);
            st.set(JAVA_LONG, Layout.ST_BLOCKS, (size + 511) / 512);
            return 0;
        } catch (Throwable t) {
            return failed("getattr", t);
        }
    }

    int readlink(MemorySegment path, MemorySegment buffer, long size) {
        try {
            Optional<Node> node = fs.lookup(cString(path));
            if (node.isEmpty()) {
                return -ENOENT;
            }
            if (!(node.get() instanceof SymlinkNode s) || size <= 0) {
                return -EIO;
            }
            byte[] target = s.target().toBytes();
            int n = (int) Math.min(target.length, size - 1);
            MemorySegment out = buffer.reinterpret(size);
            MemorySegment.copy(target, 0, out, JAVA_BYTE, 0, n);
            out.set(JAVA_BYTE, n, (byte) 0);
            return 0;
        } catch (Throwable t) {
            return failed("readlink", t);
        }
    }

    int open(MemorySegment path, MemorySegment fi) {
        try {
            Optional<Node> node = fs.lookup(cString(path));
            if (node.isEmpty()) {
                return -ENOENT;
            }
            if (!(node.get() instanceof FileNode f)) {
                return -EISDIR;
            }
            MemorySegment info = fi.reinterpret(Layout.FI_FH + 8);
            if ((info.get(JAVA_INT, Layout.FI_FLAGS) & O_ACCMODE) != 0) {
                return -EROFS;
            }
            info.set(JAVA_LONG, Layout.FI_FH, fs.open(f));
            // The bytes of a digest never change: the kernel may keep the pages across opens.
            info.set(JAVA_INT, Layout.FI_BITS, info.get(JAVA_INT, Layout.FI_BITS) | Layout.FI_KEEP_CACHE);
            return 0;
        } catch (Throwable t) {
            return failed("open", t);
        }
    }

    int read(MemorySegment path, MemorySegment buffer, long size, long offset, MemorySegment fi) {
        try {
            long handle = fi.reinterpret(Layout.FI_FH + 8).get(JAVA_LONG, Layout.FI_FH);
            MemorySegment out = buffer.reinterpret(size);
            return fs.read(handle, offset, (int) Math.min(size, Integer.MAX_VALUE),
                    (bytes, length) -> MemorySegment.copy(bytes, 0, out, JAVA_BYTE, 0, length));
        } catch (Throwable t) {
            return failed("read", t);
        }
    }

    int release(MemorySegment path, MemorySegment fi) {
        try {
            fs.release(fi.reinterpret(Layout.FI_FH + 8).get(JAVA_LONG, Layout.FI_FH));
            return 0;
        } catch (Throwable t) {
            return failed("release", t);
        }
    }

    int readdir(MemorySegment path, MemorySegment buffer, MemorySegment filler, long offset, MemorySegment fi, int flags) {
        try {
            Optional<Node> node = fs.lookup(cString(path));
            if (node.isEmpty()) {
                return -ENOENT;
            }
            if (!(node.get() instanceof DirectoryNode d)) {
                return -ENOTDIR;
            }
            Directory dir = fs.directory(d);
            try (Arena names = Arena.ofConfined()) {
                add(filler, buffer, names.allocateFrom("."));
                add(filler, buffer, names.allocateFrom(".."));
                for (PathComponent name : dir.entries().keySet()) {
                    byte[] bytes = name.toBytes();
                    MemorySegment c = names.allocate(bytes.length + 1L);
                    MemorySegment.copy(bytes, 0, c, JAVA_BYTE, 0, bytes.length);
                    if (add(filler, buffer, c) != 0) {
                        break; // the kernel's buffer is full; without offsets libfuse takes it all at once
                    }
                }
            }
            return 0;
        } catch (Throwable t) {
            return failed("readdir", t);
        }
    }

    private int add(MemorySegment filler, MemorySegment buffer, MemorySegment name) throws Throwable {
        return (int) fuse.filler.invokeExact(filler, buffer, name, MemorySegment.NULL, 0L, 0);
    }

    private int failed(String operation, Throwable t) {
        failures.failed(operation, t);
        return -EIO;
    }

    /** The bytes of a NUL-terminated path. */
    static byte[] cString(MemorySegment p) {
        MemorySegment s = p.reinterpret(MAX_PATH + 1);
        int n = 0;
        while (n < MAX_PATH && s.get(JAVA_BYTE, n) != 0) {
            n++;
        }
        return s.asSlice(0, n).toArray(JAVA_BYTE);
    }
}
