package dev.castore.cli.export;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import dev.castore.cli.CliException;
import dev.castore.cli.RawNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a stored tree to the file system. Every entry is created fresh below the destination
 * (files with {@code CREATE_NEW} and without following links, directories it created or checked
 * itself), so no stored name or symlink can make it write through a symlink or outside the
 * destination. Existing entries are an error unless {@code force} is set; then they are removed
 * (a symlink is removed, never followed) and replaced. Symlinks are recreated with their stored
 * targets, absolute or dangling ones included. Files get mode 0755 when executable, else 0644.
 */
public final class TreeExporter {

    private static final int BUFFER = 1 << 20;

    private final BlobService blobs;
    private final DirectoryService directories;
    private final boolean force;

    public TreeExporter(BlobService blobs, DirectoryService directories, boolean force) {
        this.blobs = blobs;
        this.directories = directories;
        this.force = force;
    }

    /** Writes the directory {@code root} and its closure as {@code dest}. */
    public void exportDirectory(B3Digest root, Path dest) throws IOException {
        Map<B3Digest, Directory> closure = new HashMap<>();
        try (Stream<Directory> all = directories.getRecursive(root)) {
            all.forEach(d -> closure.put(d.digest(), d));
        }
        if (!closure.containsKey(root)) {
            throw new CliException(CliException.NOT_FOUND, "directory " + root.toHex() + " is not in the directory service");
        }
        writeNode(dest, new DirectoryNode(root, closure.get(root).size()), closure);
    }

    /** Writes the blob {@code digest} as the file {@code dest}. */
    public void exportFile(B3Digest digest, Path dest, boolean executable) throws IOException {
        writeFile(dest, digest, -1, executable);
    }

    private void writeNode(Path path, Node node, Map<B3Digest, Directory> closure) throws IOException {
        switch (node) {
            case DirectoryNode d -> {
                prepareDirectory(path);
                Directory dir = Optional.ofNullable(closure.get(d.digest())).orElseThrow(() -> new CliException(
                        CliException.FAILED, "directory " + d.digest().toHex() + " (at " + path + ") is missing from the closure"));
                for (Map.Entry<PathComponent, Node> e : dir.entries().entrySet()) {
                    writeNode(child(path, e.getKey()), e.getValue(), closure);
                }
            }
            case FileNode f -> writeFile(path, f.digest(), f.size(), f.executable());
            case SymlinkNode s -> {
                clear(path);
                Files.createSymbolicLink(path, RawNames.path(path, s.target().toBytes()));
            }
        }
    }

    /** The entry {@code name} of {@code dir}, checked to stay directly inside it. */
    private static Path child(Path dir, PathComponent name) {
        byte[] bytes = name.toBytes();
        Path p = RawNames.resolve(dir, bytes);
        // PathComponent already rejects '/', '.', '..' and NUL; this guards the guarantee here too.
        if (!dir.equals(p.getParent()) || p.getFileName() == null
                || !java.util.Arrays.equals(RawNames.bytes(p.getFileName()), bytes)) {
            throw new CliException(CliException.FAILED, "refusing the name '" + name + "' below " + dir);
        }
        return p;
    }

    private void prepareDirectory(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!force) {
                throw new FileAlreadyExistsException(path.toString());
            }
            return;
        }
        clear(path);
        Files.createDirectory(path);
    }

    /** Makes room at {@code path}: nothing there, or (with force) remove what is there without following it. */
    private void clear(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!force) {
            throw new FileAlreadyExistsException(path.toString());
        }
        deleteTree(path);
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
            return;
        }
        // walkFileTree does not follow symlinks: a link to elsewhere is removed, not its target.
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void writeFile(Path path, B3Digest digest, long expectedSize, boolean executable) throws IOException {
        clear(path);
        BlobReader reader = blobs.open(digest).orElseThrow(() -> new CliException(CliException.NOT_FOUND,
                "blob " + digest.toHex() + " (for " + path + ") is not in the blob service"));
        long written = 0;
        try (reader; FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            while (reader.read(buffer) >= 0) {
                buffer.flip();
                written += buffer.remaining();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffer.clear();
            }
        }
        if (expectedSize >= 0 && written != expectedSize) {
            throw new CliException(CliException.FAILED, "blob " + digest.toHex() + " has " + written
                    + " bytes, but the directory says " + expectedSize + " (at " + path + ")");
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
