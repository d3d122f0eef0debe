package dev.castore.cli.copy;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryGraph;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.model.Directory;
import dev.castore.api.model.FileNode;
import dev.castore.cli.CliException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * Copies blobs, and directories with their closure and blobs, from one pair of stores to another,
 * skipping blobs the target has. Blobs first, then the closure through one putter, leaves first,
 * so the target never holds a directory whose blobs or children are missing. The closure is
 * ordered by {@link DirectoryGraph#leavesFirst}, which keeps its own stack: any depth copies.
 */
public final class TreeCopier {

    /** What a copy wrote. */
    public record Copied(int blobs, int directories) {}

    private final BlobService fromBlobs;
    private final DirectoryService fromDirectories;
    private final BlobService toBlobs;
    private final DirectoryService toDirectories;

    public TreeCopier(BlobService fromBlobs, DirectoryService fromDirectories, BlobService toBlobs,
            DirectoryService toDirectories) {
        this.fromBlobs = fromBlobs;
        this.fromDirectories = fromDirectories;
        this.toBlobs = toBlobs;
        this.toDirectories = toDirectories;
    }

    /** Copies the directory {@code root}, its closure and every blob its files name. */
    public Copied copyDirectory(B3Digest root) throws IOException {
        Map<B3Digest, Directory> closure = new LinkedHashMap<>();
        try (ClosureStream all = fromDirectories.getRecursive(root)) {
            for (Optional<Directory> x = all.next(); x.isPresent(); x = all.next()) {
                closure.put(x.get().digest(), x.get());
            }
        }
        if (!closure.containsKey(root)) {
            throw new CliException(CliException.NOT_FOUND, "directory " + root.toHex() + " is not in the source store");
        }
        Set<B3Digest> blobs = new HashSet<>();
        int copied = 0;
        for (Directory dir : closure.values()) {
            for (Directory.Entry<FileNode> f : dir.files()) {
                if (blobs.add(f.node().digest()) && copyBlob(f.node().digest())) {
                    copied++;
                }
            }
        }
        List<Directory> leavesFirst = DirectoryGraph.leavesFirst(root, closure);
        try (DirectoryPutter putter = toDirectories.putter()) {
            for (Directory dir : leavesFirst) {
                putter.put(dir);
            }
            putter.commit();
        }
        return new Copied(copied, leavesFirst.size());
    }

    /** Copies one blob unless the target has it; whether it was copied. */
    public boolean copyBlob(B3Digest d) throws IOException {
        if (toBlobs.has(d)) {
            return false;
        }
        BlobReader reader = fromBlobs.open(d).orElseThrow(() -> new CliException(CliException.NOT_FOUND,
                "blob " + d.toHex() + " is not in the source store"));
        try (reader; BlobWriter writer = toBlobs.openWriter()) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            while (reader.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    writer.write(buffer);
                }
                buffer.clear();
            }
            B3Digest written = writer.commit();
            if (!written.equals(d)) {
                throw new IOException("copying blob " + d.toHex() + " produced " + written.toHex());
            }
        }
        return true;
    }
}
