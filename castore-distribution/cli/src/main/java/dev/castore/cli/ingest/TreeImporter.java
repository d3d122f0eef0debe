package dev.castore.cli.ingest;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import dev.castore.api.model.SymlinkTarget;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Imports a file, symlink or directory tree: file contents are hashed and uploaded in parallel,
 * then the directories are put leaves first as one closure. Names are the raw bytes of the file
 * names; a file is executable when its owner may execute it. The resulting digests are those
 * tvix/snix compute for the same tree.
 */
public final class TreeImporter implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    private final BlobService blobs;
    private final DirectoryService directories;
    private final ImportProgress progress;
    private final ExecutorService uploads;

    public TreeImporter(BlobService blobs, DirectoryService directories, int jobs, ImportProgress progress) {
        this.blobs = blobs;
        this.directories = directories;
        this.progress = progress;
        this.uploads = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(r, "castore-import");
            t.setDaemon(true);
            return t;
        });
    }

    /** A scanned entry whose file contents may still be uploading. */
    private sealed interface Pending {}

    private record PendingFile(Path path, long size, boolean executable, Future<B3Digest> digest) implements Pending {}

    private record PendingSymlink(SymlinkTarget target) implements Pending {}

    private record PendingDirectory(Path path, List<PendingEntry> entries) implements Pending {}

    private record PendingEntry(PathComponent name, Pending pending) {}

    /** Imports {@code path} (not following it if it is a symlink) and returns its root node. */
    public Node importPath(Path path) throws IOException {
        Pending root = scan(path);
        progress.scanDone();
        List<Directory> leavesFirst = new ArrayList<>();
        Node node = resolve(root, leavesFirst);
        if (node instanceof DirectoryNode d) {
            putClosure(leavesFirst, d.digest());
        }
        return node;
    }

    private Pending scan(Path path) throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isSymbolicLink()) {
            byte[] target = RawNames.bytes(Files.readSymbolicLink(path));
            return new PendingSymlink(SymlinkTarget.of(target));
        }
        if (attrs.isRegularFile()) {
            long size = attrs.size();
            boolean exec = attrs.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
            progress.fileFound(size);
            return new PendingFile(path, size, exec, uploads.submit(() -> upload(path, size)));
        }
        if (attrs.isDirectory()) {
            List<PendingEntry> entries = new ArrayList<>();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path child : children) {
                    PathComponent name;
                    try {
                        name = PathComponent.of(RawNames.bytes(child.getFileName()));
                    } catch (IllegalArgumentException e) {
                        throw new CliException(CliException.FAILED, "cannot import " + child + ": " + e.getMessage());
                    }
                    entries.add(new PendingEntry(name, scan(child)));
                }
            }
            return new PendingDirectory(path, entries);
        }
        throw new CliException(CliException.FAILED, "cannot import " + path
                + ": only regular files, directories and symlinks can be stored (this is a socket, pipe or device)");
    }

    private B3Digest upload(Path path, long expectedSize) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long total = 0;
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                BlobWriter writer = blobs.openWriter()) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                int n = buffer.remaining();
                while (buffer.hasRemaining()) {
                    writer.write(buffer);
                }
                total += n;
                progress.bytes(n);
                buffer.clear();
            }
            if (total != expectedSize) {
                throw new IOException("cannot import " + path + ": it changed while being read (" + expectedSize
                        + " bytes expected, " + total + " read)");
            }
            B3Digest digest = writer.commit();
            progress.fileDone();
            return digest;
        }
    }

    private Node resolve(Pending pending, List<Directory> leavesFirst) throws IOException {
        return switch (pending) {
            case PendingSymlink s -> new SymlinkNode(s.target());
            case PendingFile f -> new FileNode(await(f), f.size(), f.executable());
            case PendingDirectory d -> {
                Directory.Builder b = Directory.builder();
                for (PendingEntry e : d.entries()) {
                    b.add(e.name(), resolve(e.pending(), leavesFirst));
                }
                Directory dir = b.build();
                leavesFirst.add(dir);
                yield DirectoryNode.of(dir);
            }
        };
    }

    private static B3Digest await(PendingFile f) throws IOException {
        try {
            return f.digest().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("cannot import " + f.path() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while importing " + f.path(), e);
        }
    }

    private void putClosure(List<Directory> leavesFirst, B3Digest root) throws IOException {
        Set<B3Digest> sent = new HashSet<>();
        try (DirectoryPutter putter = directories.putter()) {
            for (Directory d : leavesFirst) {
                // A subtree that occurs twice is the same directory: send it once.
                if (sent.add(d.digest())) {
                    putter.put(d);
                }
            }
            B3Digest committed = putter.commit();
            if (!committed.equals(root)) {
                throw new IOException("the directory service returned the root " + committed.toHex()
                        + " for the closure of " + root.toHex());
            }
        }
    }

    @Override
    public void close() {
        uploads.shutdownNow();
    }
}
