package dev.castore.cli.export;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import dev.castore.cli.CliException;
import dev.castore.cli.ingest.ImportProgress;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Optional;

/**
 * Writes a stored tree, or a blob, to the file system as DEST, all or nothing: the tree is built
 * in a staging directory next to DEST and renamed into place when complete (see
 * {@link Destination}); a failure removes what was written and leaves DEST as it was. Without
 * {@code force} DEST must not exist; with it, DEST is replaced as a whole, in one rename.
 *
 * <p>No stored name or symlink, and no process swapping entries meanwhile, can make it write
 * through a symlink or outside DEST: each entry is created relative to a directory it opened
 * without following symlinks. Symlinks are recreated with their stored targets, absolute or
 * dangling ones included; files get mode 0755 when executable, else 0644; directories 0777 less
 * the umask.
 *
 * <p>A tree is written at every path its directories occur, so a subtree repeated at several paths
 * is written that many times; a closure that repeats subtrees at every level expands
 * exponentially. Before writing anything, the export adds up what the tree expands to and refuses
 * it when that is more than {@value #MAX_ENTRIES} entries or more bytes than DEST's file system
 * has free.
 *
 * <p>From a store across a network, the small blobs are read ahead, several at once, in the order
 * they are written ({@link Prefetch}).
 *
 * <p>Directories are built leaves first, each as its own entry of the staging directory, and moved
 * into their parent once it is built: the walk keeps its own stack, and only a few descriptors are
 * open at a time, whatever the depth of the tree.
 */
public final class TreeExporter {

    private static final int BUFFER = 1 << 20;
    private static final int DIRECTORY_MODE = 0777;

    /**
     * The most entries (files, symlinks, directories at every path) an export writes: ten times a
     * large source tree or distribution, far below what fills a file system's inodes.
     */
    public static final long MAX_ENTRIES = 10_000_000;

    private final BlobService blobs;
    private final DirectoryService directories;
    private final boolean force;
    private final boolean renameFlags;
    private ImportProgress progress = ImportProgress.silent();
    private boolean sparse;

    public TreeExporter(BlobService blobs, DirectoryService directories, boolean force) {
        this(blobs, directories, force, true);
    }

    /** With {@code renameFlags} false, commits as on file systems without {@code renameat2}'s flags. */
    TreeExporter(BlobService blobs, DirectoryService directories, boolean force, boolean renameFlags) {
        this.blobs = blobs;
        this.directories = directories;
        this.force = force;
        this.renameFlags = renameFlags;
    }

    /**
     * With {@code sparse}, whole blocks of {@value NewFile#BLOCK} zero bytes are left as holes
     * instead of written, and the export is not refused for needing more bytes than are free
     * (holes take none; a file system that fills up fails the export, which removes what it wrote).
     */
    public TreeExporter sparse(boolean sparse) {
        this.sparse = sparse;
        return this;
    }

    /** Reports the files and bytes written to {@code progress} from now on. */
    public TreeExporter reporting(ImportProgress progress) {
        this.progress = progress;
        return this;
    }

    /** Writes the directory {@code root} and its closure as {@code dest}. */
    public void exportDirectory(B3Digest root, Path dest) throws IOException {
        exportDirectory(root, root, dest);
    }

    /**
     * Writes the directory {@code root}, found in the closure of {@code closureRoot} (a store that
     * keeps directories by closure root has a subdirectory only there), as {@code dest}.
     */
    public void exportDirectory(B3Digest root, B3Digest closureRoot, Path dest) throws IOException {
        Map<B3Digest, Directory> closure = new HashMap<>();
        try (ClosureStream all = directories.getRecursive(closureRoot)) {
            for (Optional<Directory> d = all.next(); d.isPresent(); d = all.next()) {
                closure.put(d.get().digest(), d.get());
            }
        }
        if (!closure.containsKey(root)) {
            throw new CliException(CliException.NOT_FOUND, "directory " + root.toHex() + " is not in the directory service");
        }
        ExpandedSize size = refuseOversized(root, closure, dest, sparse);
        progress.found(size.files(), size.bytes());
        progress.scanDone();
        try (Destination destination = Destination.open(dest, force, renameFlags);
                Arena arena = Arena.ofConfined();
                Prefetch prefetch = Prefetch.of(blobs, closure.get(root), closure)) {
            Build build = new Build(destination, closure, arena.allocate(BUFFER), prefetch);
            destination.commit(build.run(closure.get(root)));
        }
    }

    private static ExpandedSize refuseOversized(B3Digest root, Map<B3Digest, Directory> closure, Path dest, boolean sparse)
            throws IOException {
        ExpandedSize size = ExpandedSize.of(root, closure);
        String what = "directory " + root.toHex() + " expands to " + (size.entries() == Long.MAX_VALUE ? "more than "
                + Long.MAX_VALUE : size.entries()) + " entries and " + size.bytes() + " bytes of files from "
                + size.distinctDirectories() + " distinct directories (subtrees repeat at several paths)";
        if (size.entries() > MAX_ENTRIES) {
            throw new CliException(CliException.FAILED, what + ": more than an export writes ("
                    + MAX_ENTRIES + " entries); nothing was written. Export a subdirectory, or list it with ls -r");
        }
        Path parent = dest.toAbsolutePath().getParent();
        long free = parent == null ? Long.MAX_VALUE : Files.getFileStore(parent).getUsableSpace();
        if (!sparse && size.bytes() > free) {
            throw new CliException(CliException.FAILED, what + ": more than the " + free
                    + " bytes free where DEST goes; nothing was written");
        }
        return size;
    }

    /** Writes the blob {@code digest} as the file {@code dest}. */
    public void exportFile(B3Digest digest, Path dest, boolean executable) throws IOException {
        try (Destination destination = Destination.open(dest, force, renameFlags);
                Arena arena = Arena.ofConfined()) {
            Build build = new Build(destination, Map.of(), arena.allocate(BUFFER), Prefetch.none(blobs));
            byte[] staged = build.nextStagedName();
            build.writeFile(destination.staging(), staged, digest, -1, executable, destination::display);
            destination.commit(staged);
        }
    }

    /** A directory of the tree on the walk's stack: its subdirectories, and those already built. */
    private static final class Frame {
        final Directory directory;
        final Frame parent;
        final PathComponent name;
        final List<Directory.Entry<DirectoryNode>> subdirectories;
        final List<byte[]> built = new ArrayList<>();
        int next;

        Frame(Directory directory, Frame parent, PathComponent name) {
            this.directory = directory;
            this.parent = parent;
            this.name = name;
            this.subdirectories = directory.directories();
        }
    }

    /** One export: the staged names handed out, and the buffer blobs pass through. */
    private final class Build {
        private final Destination destination;
        private final Map<B3Digest, Directory> closure;
        private final MemorySegment buffer;
        private final ByteBuffer bufferView;
        private final Prefetch prefetch;
        private long staged;

        Build(Destination destination, Map<B3Digest, Directory> closure, MemorySegment buffer, Prefetch prefetch) {
            this.destination = destination;
            this.closure = closure;
            this.buffer = buffer;
            this.bufferView = buffer.asByteBuffer();
            this.prefetch = prefetch;
        }

        byte[] nextStagedName() {
            return Long.toString(staged++).getBytes(StandardCharsets.US_ASCII);
        }

        /** Builds the tree of {@code root} in staging, depth first, leaves first; its staged name. */
        byte[] run(Directory root) throws IOException {
            ArrayDeque<Frame> stack = new ArrayDeque<>();
            stack.push(new Frame(root, null, null));
            while (true) {
                Frame frame = stack.peek();
                if (frame.next < frame.subdirectories.size()) {
                    Directory.Entry<DirectoryNode> e = frame.subdirectories.get(frame.next++);
                    stack.push(new Frame(member(e.node().digest(), frame, e.name()), frame, e.name()));
                    continue;
                }
                stack.pop();
                byte[] name = materialize(frame);
                if (frame.parent == null) {
                    return name;
                }
                frame.parent.built.add(name);
            }
        }

        private Directory member(B3Digest digest, Frame parent, PathComponent name) {
            Directory d = closure.get(digest);
            if (d == null) {
                throw new CliException(CliException.FAILED, "directory " + digest.toHex() + " (at "
                        + path(parent) + "/" + name + ") is missing from the closure");
            }
            return d;
        }

        /**
         * Creates the directory of {@code frame} in staging with its files and symlinks, and moves
         * its subdirectories, built before it, into it.
         */
        private byte[] materialize(Frame frame) throws IOException {
            DirectoryHandle staging = destination.staging();
            byte[] name = nextStagedName();
            Supplier<String> where = () -> path(frame);
            staging.makeDirectory(name, DIRECTORY_MODE, where);
            try (DirectoryHandle dir = staging.openDirectory(name, where)) {
                for (Directory.Entry<FileNode> f : frame.directory.files()) {
                    writeFile(dir, f.name().toBytes(), f.node().digest(), f.node().size(), f.node().executable(),
                            () -> where.get() + "/" + f.name());
                }
                for (Directory.Entry<SymlinkNode> l : frame.directory.symlinks()) {
                    dir.makeSymlink(l.name().toBytes(), l.node().target().toBytes(), () -> where.get() + "/" + l.name());
                }
                for (int i = 0; i < frame.subdirectories.size(); i++) {
                    PathComponent child = frame.subdirectories.get(i).name();
                    int r = staging.rename(frame.built.get(i), dir, child.toBytes(), 0);
                    if (r != 0) {
                        throw DirectoryHandle.failure(r, where.get() + "/" + child);
                    }
                }
            }
            return name;
        }

        /** Writes the blob {@code digest} as the new file {@code name} of {@code dir}. */
        void writeFile(DirectoryHandle dir, byte[] name, B3Digest digest, long expectedSize, boolean executable,
                Supplier<String> where) throws IOException {
            BlobReader reader = prefetch.open(digest, expectedSize).orElseThrow(() -> new CliException(CliException.NOT_FOUND,
                    "blob " + digest.toHex() + " (for " + where.get() + ") is not in the blob service"));
            long written = 0;
            try (reader; NewFile out = dir.createFile(name, where)) {
                bufferView.clear();
                boolean end = false;
                while (!end) {
                    end = reader.read(bufferView) < 0;
                    // Sparse, the buffer is filled before it is written: each write starts at a
                    // multiple of its size, so its zero blocks are the file's.
                    int n = bufferView.position();
                    if (n > 0 && (end || !sparse || !bufferView.hasRemaining())) {
                        if (sparse) {
                            out.writeSparse(buffer, n);
                        } else {
                            out.write(buffer, n);
                        }
                        written += n;
                        progress.bytes(n);
                        bufferView.clear();
                    }
                }
                if (expectedSize >= 0 && written != expectedSize) {
                    throw new CliException(CliException.FAILED, "blob " + digest.toHex() + " has " + written
                            + " bytes, but the directory says " + expectedSize + " (at " + where.get() + ")");
                }
                if (sparse) {
                    out.setLength(written);
                }
                out.setMode(executable ? 0755 : 0644);
            }
            progress.fileDone();
        }

        /** Where {@code frame}'s directory ends up, for messages: DEST and the escaped names below it. */
        private String path(Frame frame) {
            ArrayDeque<PathComponent> names = new ArrayDeque<>();
            for (Frame f = frame; f.parent != null; f = f.parent) {
                names.push(f.name);
            }
            StringBuilder sb = new StringBuilder(destination.display());
            names.forEach(n -> sb.append('/').append(n));
            return sb.toString();
        }
    }
}
