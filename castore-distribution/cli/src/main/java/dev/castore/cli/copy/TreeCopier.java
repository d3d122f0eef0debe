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
import dev.castore.cli.ingest.ImportProgress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    private ImportProgress progress = ImportProgress.silent();

    public TreeCopier(BlobService fromBlobs, DirectoryService fromDirectories, BlobService toBlobs,
            DirectoryService toDirectories) {
        this.fromBlobs = fromBlobs;
        this.fromDirectories = fromDirectories;
        this.toBlobs = toBlobs;
        this.toDirectories = toDirectories;
    }

    /** Reports the blobs and bytes copied to {@code progress} from now on. */
    public TreeCopier reporting(ImportProgress progress) {
        this.progress = progress;
        return this;
    }

    /** Copies the directory {@code root}, its closure and every blob its files name. */
    public Copied copyDirectory(B3Digest root) throws IOException {
        return copyDirectory(root, root);
    }

    /**
     * Copies the directory {@code root}, found in the closure of {@code closureRoot} (a store that
     * keeps directories by closure root has a subdirectory only there), with its closure and blobs.
     */
    public Copied copyDirectory(B3Digest root, B3Digest closureRoot) throws IOException {
        Map<B3Digest, Directory> closure = new LinkedHashMap<>();
        try (ClosureStream all = fromDirectories.getRecursive(closureRoot)) {
            for (Optional<Directory> x = all.next(); x.isPresent(); x = all.next()) {
                closure.put(x.get().digest(), x.get());
            }
        }
        if (!closure.containsKey(root)) {
            throw new CliException(CliException.NOT_FOUND, "directory " + root.toHex() + " is not in the source store");
        }
        List<Directory> leavesFirst = DirectoryGraph.leavesFirst(root, closure);
        Map<B3Digest, Long> blobs = new LinkedHashMap<>();
        long bytes = 0;
        for (Directory dir : leavesFirst) {
            for (Directory.Entry<FileNode> f : dir.files()) {
                if (blobs.putIfAbsent(f.node().digest(), f.node().size()) == null) {
                    bytes += f.node().size();
                }
            }
        }
        progress.found(blobs.size(), bytes);
        progress.scanDone();
        int copied = 0;
        for (Map.Entry<B3Digest, Long> blob : blobs.entrySet()) {
            if (copyBlob(blob.getKey())) {
                copied++;
            } else {
                progress.bytes(blob.getValue());
                progress.fileDone();
            }
        }
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
                progress.bytes(buffer.remaining());
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
        progress.fileDone();
        return true;
    }
}
