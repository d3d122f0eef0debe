package dev.castore.cli.ingest;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.EscapedText;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import dev.castore.api.model.SymlinkTarget;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.cli.CliException;
import dev.castore.cli.RawNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Imports a file, symlink or directory tree. The calling thread walks the tree (iteratively, so
 * any depth works) and hands every regular file to {@code jobs} upload threads as soon as it is
 * found; each reads its file through a direct buffer of its own (no copy inside the JDK) into a
 * blob writer, while the stores hash on the cores. Blobs are written for a later sync, and the
 * import syncs once before it puts the directories, leaves first, as one closure: when
 * {@link #importPath} returns, everything it imported is durable.
 *
 * <p>Names are the raw bytes of the file names; a file is executable when its owner may execute
 * it. The resulting digests are those tvix/snix compute for the same tree.
 */
public final class TreeImporter implements AutoCloseable {

    /** Bytes read from a file at a time, by each upload thread into its own buffer. */
    static final int READ_SIZE = 1 << 20;

    private final BlobService blobs;
    private final DirectoryService directories;
    private final ImportProgress progress;
    private final ExecutorService uploads;
    private final LargeFiles largeFiles;
    /**
     * Each upload thread's read buffer, as large as the largest file it read so far up to
     * {@link #READ_SIZE}, a power of two of at least 64 KiB: the threads that a store across a
     * network gets for small files do not hold a megabyte each.
     */
    private final ThreadLocal<ByteBuffer> buffers = new ThreadLocal<>();
    private final FilesCache files;
    private final ImportChoices choices;
    private final Telemetry telemetry;

    public TreeImporter(BlobService blobs, DirectoryService directories, int jobs, ImportProgress progress) {
        this(blobs, directories, jobs, progress, FilesCache.none());
    }

    /** An importer that skips reading the files {@code files} knows unchanged and the store has. */
    public TreeImporter(BlobService blobs, DirectoryService directories, int jobs, ImportProgress progress, FilesCache files) {
        this(blobs, directories, jobs, progress, files, ImportChoices.all());
    }

    /** An importer that also leaves out what {@code choices} excludes. */
    public TreeImporter(BlobService blobs, DirectoryService directories, int jobs, ImportProgress progress, FilesCache files,
            ImportChoices choices) {
        this(blobs, directories, jobs, progress, files, choices, Telemetry.none());
    }

    /**
     * An importer whose upload threads run in the span current where each file is scanned, so that
     * {@code telemetry} traces a whole import as one trace.
     */
    public TreeImporter(BlobService blobs, DirectoryService directories, int jobs, ImportProgress progress, FilesCache files,
            ImportChoices choices, Telemetry telemetry) {
        this(blobs, directories, ImportJobs.of(Math.max(1, jobs)), progress, files, choices, telemetry);
    }

    /** An importer with {@code jobs.files()} upload threads, at most {@code jobs.largeFiles()} of them on large files. */
    public TreeImporter(BlobService blobs, DirectoryService directories, ImportJobs jobs, ImportProgress progress,
            FilesCache files, ImportChoices choices, Telemetry telemetry) {
        this.largeFiles = new LargeFiles(jobs);
        this.telemetry = telemetry;
        this.files = files;
        this.choices = choices;
        this.blobs = blobs;
        this.directories = directories;
        this.progress = progress;
        this.uploads = Tasks.pool(jobs.files(), "castore-import");
    }

    /** A scanned entry whose file contents may still be uploading. */
    private sealed interface Pending {}

    private record PendingFile(Path path, long size, boolean executable, Future<B3Digest> digest) implements Pending {}

    private record PendingSymlink(SymlinkTarget target) implements Pending {}

    /** A directory: its entries are added as the walk lists it; its node is set once they are resolved. */
    private static final class PendingDirectory implements Pending {
        final List<PendingEntry> entries = new ArrayList<>();
        DirectoryNode node;
    }

    private record PendingEntry(PathComponent name, Pending pending) {}

    /** Imports {@code path} (not following it if it is a symlink) and returns its root node. */
    public Node importPath(Path path) throws IOException {
        Pending root = scan(path);
        progress.scanDone();
        List<Directory> leavesFirst = new ArrayList<>();
        Node node = root instanceof PendingDirectory d ? resolveTree(d, leavesFirst) : resolveLeaf(root);
        // Everything below the root is stored before the closure that makes it reachable.
        blobs.sync();
        if (node instanceof DirectoryNode d) {
            DirectoryPutter.putClosure(directories, leavesFirst, d.digest());
        }
        return node;
    }

    /** Walks the tree under {@code path} depth-first with a stack of directories still to list. */
    private Pending scan(Path path) throws IOException {
        Pending root = entry(path);
        if (root == null) {
            throw special(path);
        }
        ArrayDeque<DirectoryToList> toList = new ArrayDeque<>();
        if (root instanceof PendingDirectory d) {
            toList.push(new DirectoryToList(path, d));
        }
        while (!toList.isEmpty()) {
            DirectoryToList next = toList.pop();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(next.path())) {
                for (Path child : children) {
                    PathComponent name;
                    try {
                        name = PathComponent.of(RawNames.bytes(child.getFileName()));
                    } catch (IllegalArgumentException e) {
                        throw new CliException(CliException.FAILED, "cannot import " + child + ": " + e.getMessage());
                    }
                    if (choices.excluded(path.relativize(child))) {
                        continue;
                    }
                    Pending pending = entry(child);
                    if (pending == null) {
                        continue;
                    }
                    next.directory().entries.add(new PendingEntry(name, pending));
                    if (pending instanceof PendingDirectory d) {
                        toList.push(new DirectoryToList(child, d));
                    }
                }
            }
        }
        return root;
    }

    private record DirectoryToList(Path path, PendingDirectory directory) {}

    /** One entry of the tree, or null for a special file to skip; a regular file starts uploading at once. */
    private Pending entry(Path path) throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isSymbolicLink()) {
            return new PendingSymlink(SymlinkTarget.of(RawNames.bytes(Files.readSymbolicLink(path))));
        }
        if (attrs.isRegularFile()) {
            long size = attrs.size();
            boolean exec = attrs.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
            progress.fileFound(size);
            return new PendingFile(path, size, exec, uploads.submit(telemetry.carry(() -> upload(path, size))));
        }
        if (attrs.isDirectory()) {
            return new PendingDirectory();
        }
        if (choices.skipSpecial()) {
            choices.warn("skipped " + EscapedText.of(RawNames.bytes(path)) + ": a socket, pipe or device, which cannot be stored");
            return null;
        }
        throw special(path);
    }

    private static CliException special(Path path) {
        return new CliException(CliException.FAILED, "cannot import " + path + ": only regular files, directories and"
                + " symlinks can be stored (this is a socket, pipe or device; --skip-special leaves them out with a warning)");
    }

    private B3Digest upload(Path path, long expectedSize) throws IOException {
        FileIdentity identity = FileIdentity.of(path);
        Optional<B3Digest> known = files.lookup(path, identity);
        if (known.isPresent() && identity.size() == expectedSize && blobs.has(known.get())) {
            progress.bytes(expectedSize);
            progress.fileDone();
            return known.get();
        }
        return largeFiles.run(expectedSize, () -> "importing " + path, () -> write(path, expectedSize, identity));
    }

    private B3Digest write(Path path, long expectedSize, FileIdentity identity) throws IOException {
        ByteBuffer buffer = buffers.get();
        if (buffer == null || buffer.capacity() < Math.min(expectedSize, READ_SIZE)) {
            int size = (int) Math.min(READ_SIZE, Math.max(1 << 16, Long.highestOneBit(Math.max(1, expectedSize - 1)) << 1));
            buffer = ByteBuffer.allocateDirect(size);
            buffers.set(buffer);
        }
        long total = 0;
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                BlobWriter writer = blobs.openWriter(Durability.ON_SYNC)) {
            writer.expect(expectedSize);
            // The writer may read into buffers of its own (the memory store's segments) instead of ours.
            total = writer.writeFrom(in, buffer, progress::bytes);
            if (total != expectedSize) {
                throw new IOException("cannot import " + path + ": it changed while being read (" + expectedSize
                        + " bytes expected, " + total + " read)");
            }
            B3Digest digest = writer.commit();
            files.record(path, identity, digest);
            progress.fileDone();
            return digest;
        }
    }

    private static Node resolveLeaf(Pending pending) throws IOException {
        return switch (pending) {
            case PendingSymlink s -> new SymlinkNode(s.target());
            case PendingFile f -> new FileNode(await(f), f.size(), f.executable());
            case PendingDirectory d -> throw new IllegalStateException("a directory is not a leaf");
        };
    }

    /**
     * Builds the directories bottom-up, without recursion: a directory is built once every
     * directory below it has been, and appended to {@code leavesFirst}.
     */
    private static DirectoryNode resolveTree(PendingDirectory root, List<Directory> leavesFirst) throws IOException {
        ArrayDeque<PendingDirectory> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            PendingDirectory top = stack.peek();
            boolean childrenDone = true;
            for (PendingEntry e : top.entries) {
                if (e.pending() instanceof PendingDirectory child && child.node == null) {
                    stack.push(child);
                    childrenDone = false;
                }
            }
            if (!childrenDone) {
                continue;
            }
            stack.pop();
            Directory.Builder b = Directory.builder();
            for (PendingEntry e : top.entries) {
                b.add(e.name(), e.pending() instanceof PendingDirectory child ? child.node : resolveLeaf(e.pending()));
            }
            Directory dir = b.build();
            leavesFirst.add(dir);
            top.node = DirectoryNode.of(dir);
            top.entries.clear(); // only the node is needed from now on
        }
        return root.node;
    }

    private static B3Digest await(PendingFile f) throws IOException {
        return Tasks.await(f.digest(), () -> "importing " + f.path());
    }

    @Override
    public void close() {
        uploads.shutdownNow();
    }
}
