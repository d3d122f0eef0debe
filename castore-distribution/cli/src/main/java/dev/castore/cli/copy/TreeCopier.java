package dev.castore.cli.copy;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryGraph;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.model.Directory;
import dev.castore.api.model.FileNode;
import dev.castore.cli.CliException;
import dev.castore.cli.ingest.ImportJobs;
import dev.castore.cli.ingest.ImportProgress;
import dev.castore.cli.ingest.LargeFiles;
import dev.castore.cli.ingest.Tasks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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
        int copied = copyBlobs(blobs);
        // Every blob durable before a directory names it.
        toBlobs.sync();
        try (DirectoryPutter putter = toDirectories.putter()) {
            for (Directory dir : leavesFirst) {
                putter.put(dir);
            }
            putter.commit();
        }
        return new Copied(copied, leavesFirst.size());
    }

    /**
     * Copies the blobs, several at once: one per core, and, where either store is across a
     * network ({@link BlobService#callsInFlight()}), as many small ones as it asks for
     * ({@link ImportJobs}); a blob is read whole before the next one takes its place, and at most
     * twice as many are queued as copy at once. Each is written for one sync at the end.
     */
    private int copyBlobs(Map<B3Digest, Long> blobs) throws IOException {
        ImportJobs jobs = ImportJobs.forCalls(Math.max(fromBlobs.callsInFlight(), toBlobs.callsInFlight()));
        LargeFiles large = new LargeFiles(jobs);
        ExecutorService pool = Tasks.pool(jobs.files(), "castore-copy");
        try {
            ArrayDeque<Future<Boolean>> pending = new ArrayDeque<>();
            int copied = 0;
            for (Map.Entry<B3Digest, Long> blob : blobs.entrySet()) {
                if (pending.size() >= 2 * jobs.files()) {
                    copied += await(pending.poll()) ? 1 : 0;
                }
                B3Digest digest = blob.getKey();
                long size = blob.getValue();
                pending.add(pool.submit(() -> large.run(size, () -> "copying blob " + digest.toHex(), () -> {
                    if (copyBlob(digest, size, Durability.ON_SYNC)) {
                        return true;
                    }
                    progress.bytes(size);
                    progress.fileDone();
                    return false;
                })));
            }
            while (!pending.isEmpty()) {
                copied += await(pending.poll()) ? 1 : 0;
            }
            return copied;
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean await(Future<Boolean> copy) throws IOException {
        return Tasks.await(copy, () -> "copying blobs");
    }

    /** Copies one blob unless the target has it, durable when this returns; whether it was copied. */
    public boolean copyBlob(B3Digest d) throws IOException {
        return copyBlob(d, -1, Durability.ON_COMMIT);
    }

    /** Copies one blob of {@code size} bytes (-1: not known) unless the target has it; whether it was copied. */
    private boolean copyBlob(B3Digest d, long size, Durability durability) throws IOException {
        if (toBlobs.has(d)) {
            return false;
        }
        BlobReader reader = fromBlobs.open(d).orElseThrow(() -> new CliException(CliException.NOT_FOUND,
                "blob " + d.toHex() + " is not in the source store"));
        try (reader; BlobWriter writer = toBlobs.openWriter(durability)) {
            if (size >= 0) {
                writer.expect(size);
            }
            reader.transferTo(new Counted(writer));
            B3Digest written = writer.commit();
            if (!written.equals(d)) {
                throw new IOException("copying blob " + d.toHex() + " produced " + written.toHex());
            }
        }
        progress.fileDone();
        return true;
    }

    /** The writer, each write's bytes reported to the progress. */
    private final class Counted implements WritableByteChannel {
        private final BlobWriter writer;

        Counted(BlobWriter writer) {
            this.writer = writer;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = writer.write(src);
            progress.bytes(n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return writer.isOpen();
        }

        @Override
        public void close() {
            // the writer is closed by its owner
        }
    }
}
