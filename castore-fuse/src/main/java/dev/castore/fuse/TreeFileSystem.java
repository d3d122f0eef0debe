package dev.castore.fuse;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryReader;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stored tree as a read-only file system, path by path as libfuse's high-level API asks:
 * directories are read when a path reaches them (through a bounded cache), file bytes when they
 * are read, from a blob reader per open file, verified as the reader reads them. Symlinks are
 * returned as they are; the kernel resolves them. Directories report size 0, files their size,
 * symlinks their target's length, so {@code du -sb} adds up to the tree's file and link bytes.
 * Thread-safe: libfuse calls from several threads.
 */
final class TreeFileSystem {

    private final BlobService blobs;
    private final DirectoryReader directories;
    private final B3Digest root;
    private final DirectoryNode rootNode;
    private final ConcurrentHashMap<Long, OpenFile> open = new ConcurrentHashMap<>();
    private final AtomicLong handles = new AtomicLong();

    /** One open file: its reader, used by one read at a time. */
    static final class OpenFile {
        final BlobReader reader;
        byte[] buffer = new byte[0];

        OpenFile(BlobReader reader) {
            this.reader = reader;
        }
    }

    TreeFileSystem(BlobService blobs, DirectoryReader directories, B3Digest root, Directory top) {
        this.blobs = blobs;
        this.directories = directories;
        this.root = root;
        this.rootNode = DirectoryNode.of(top);
    }

    /** The node at {@code path} (raw bytes, {@code /a/b}), without following symlinks. */
    Optional<Node> lookup(byte[] path) throws IOException {
        Node at = rootNode;
        int start = 1;
        while (start < path.length) {
            int end = start;
            while (end < path.length && path[end] != '/') {
                end++;
            }
            if (end > start) {
                if (!(at instanceof DirectoryNode d)) {
                    return Optional.empty();
                }
                Optional<Node> child = directory(d).get(PathComponent.of(Arrays.copyOfRange(path, start, end)));
                if (child.isEmpty()) {
                    return Optional.empty();
                }
                at = child.get();
            }
            start = end + 1;
        }
        return Optional.of(at);
    }

    /** The directory a node stands for, fetched when first needed. */
    Directory directory(DirectoryNode node) throws IOException {
        return directories.member(root, node.digest());
    }

    /** Opens a file for reading; returns its handle. */
    long open(FileNode file) throws IOException {
        long handle = handles.incrementAndGet();
        if (file.size() > 0) {
            BlobReader reader = blobs.open(file.digest()).orElseThrow(
                    () -> new IOException("blob " + file.digest().toHex() + " is not stored"));
            open.put(handle, new OpenFile(reader));
        }
        return handle;
    }

    /** Up to {@code length} bytes at {@code offset} of the open file, into a buffer it keeps; returns how many. */
    int read(long handle, long offset, int length, Sink sink) throws IOException {
        OpenFile f = open.get(handle);
        if (f == null) {
            return 0; // an empty file
        }
        synchronized (f) {
            if (f.buffer.length < length) {
                f.buffer = new byte[length];
            }
            f.reader.position(offset);
            int total = 0;
            ByteBuffer in = ByteBuffer.wrap(f.buffer, 0, length);
            while (in.hasRemaining()) {
                int n = f.reader.read(in);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            sink.accept(f.buffer, total);
            return total;
        }
    }

    /** Where read bytes go (the kernel's buffer). */
    interface Sink {
        void accept(byte[] bytes, int length);
    }

    void release(long handle) throws IOException {
        OpenFile f = open.remove(handle);
        if (f != null) {
            f.reader.close();
        }
    }

    /** Closes every file left open. */
    void closeAll() {
        for (Long handle : open.keySet()) {
            try {
                release(handle);
            } catch (IOException e) {
                // closing a reader of an immutable blob: nothing to lose
            }
        }
    }

    static long size(Node node) {
        return switch (node) {
            case DirectoryNode d -> 0;
            case FileNode f -> f.size();
            case SymlinkNode s -> s.target().toBytes().length;
        };
    }
}
