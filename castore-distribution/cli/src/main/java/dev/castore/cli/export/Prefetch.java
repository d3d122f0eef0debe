package dev.castore.cli.export;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ByteBufferBlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.cli.ingest.Tasks;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Opens the blobs of an export. From a store across a network ({@link BlobService#callsInFlight()}
 * above 0), the small blobs are read ahead, several at once, in the order the export writes
 * them: the export would otherwise wait a round trip for each of its files. At most twice as many
 * as are read at once wait for the writer, each at most {@link #MAX_BLOB} bytes. Every byte comes
 * from the store's reader, which verifies it; a blob the store lacks is empty here, as from
 * {@link BlobService#open}.
 */
abstract sealed class Prefetch implements AutoCloseable {

    /** The largest blob read ahead; larger ones are read as they are written. */
    static final long MAX_BLOB = 256 * 1024;

    /** The blob {@code digest}, of {@code size} bytes as the directory says (-1: not known). */
    abstract Optional<BlobReader> open(B3Digest digest, long size) throws IOException;

    @Override
    public void close() {}

    /** Every blob opened when it is written. */
    static Prefetch none(BlobService blobs) {
        return new None(blobs);
    }

    /** For the files of {@code root}'s tree, written in the order of {@link WriteOrder}. */
    static Prefetch of(BlobService blobs, Directory root, Map<B3Digest, Directory> closure) {
        int calls = blobs.callsInFlight();
        return calls > 0 ? new Ahead(blobs, new WriteOrder(root, closure), calls) : new None(blobs);
    }

    private static final class None extends Prefetch {
        private final BlobService blobs;

        None(BlobService blobs) {
            this.blobs = blobs;
        }

        @Override
        Optional<BlobReader> open(B3Digest digest, long size) throws IOException {
            return blobs.open(digest);
        }
    }

    private static final class Ahead extends Prefetch {
        private record Pending(B3Digest digest, Future<Optional<byte[]>> bytes) {}

        private final BlobService blobs;
        private final Iterator<FileNode> order;
        private final ExecutorService pool;
        private final int window;
        private final ArrayDeque<Pending> ahead = new ArrayDeque<>();
        /** Cleared when the writer asked for a blob out of the expected order: no more reads ahead. */
        private boolean inStep = true;

        Ahead(BlobService blobs, Iterator<FileNode> order, int threads) {
            this.blobs = blobs;
            this.order = order;
            this.window = 2 * threads;
            this.pool = Tasks.pool(threads, "castore-export-prefetch");
            fill();
        }

        @Override
        Optional<BlobReader> open(B3Digest digest, long size) throws IOException {
            if (!inStep || size < 0 || size > MAX_BLOB) {
                return blobs.open(digest);
            }
            Pending head = ahead.poll();
            if (head == null || !head.digest().equals(digest)) {
                // Not the order foreseen: read each blob as it comes from now on.
                inStep = false;
                close();
                return blobs.open(digest);
            }
            fill();
            Optional<byte[]> bytes = Tasks.await(head.bytes(), () -> "reading blob " + digest.toHex());
            if (bytes.isPresent() && bytes.get().length > size) {
                // Longer than the directory says: read as it comes, so the export's error counts it all.
                return blobs.open(digest);
            }
            return bytes.map(ByteBufferBlobReader::of);
        }

        private void fill() {
            while (ahead.size() < window && order.hasNext()) {
                FileNode f = order.next();
                if (f.size() <= MAX_BLOB) {
                    B3Digest d = f.digest();
                    int size = (int) f.size();
                    ahead.add(new Pending(d, pool.submit(() -> read(d, size))));
                }
            }
        }

        /** The blob's bytes, one more than {@code size} if it has more, so the writer sees the difference. */
        private Optional<byte[]> read(B3Digest digest, int size) throws IOException {
            Optional<BlobReader> reader = blobs.open(digest);
            if (reader.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream in = reader.get().inputStream()) {
                return Optional.of(in.readNBytes(size + 1));
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
            ahead.clear();
        }
    }

    /**
     * The files of a tree in the order {@link TreeExporter} writes them: a directory's files once
     * every directory below it is written, its subdirectories in order, depth first. A directory
     * missing from the closure ends the walk (the export fails there).
     */
    static final class WriteOrder implements Iterator<FileNode> {
        private static final class Step {
            final Directory directory;
            int next;

            Step(Directory directory) {
                this.directory = directory;
            }
        }

        private final Map<B3Digest, Directory> closure;
        private final ArrayDeque<Step> stack = new ArrayDeque<>();
        private Iterator<Directory.Entry<FileNode>> files = Collections.emptyIterator();

        WriteOrder(Directory root, Map<B3Digest, Directory> closure) {
            this.closure = closure;
            stack.push(new Step(root));
        }

        @Override
        public boolean hasNext() {
            while (!files.hasNext()) {
                Step top = stack.peek();
                if (top == null) {
                    return false;
                }
                List<Directory.Entry<DirectoryNode>> subdirectories = top.directory.directories();
                if (top.next < subdirectories.size()) {
                    Directory child = closure.get(subdirectories.get(top.next++).node().digest());
                    if (child == null) {
                        stack.clear();
                        return false;
                    }
                    stack.push(new Step(child));
                    continue;
                }
                stack.pop();
                files = top.directory.files().iterator();
            }
            return true;
        }

        @Override
        public FileNode next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return files.next().node();
        }
    }
}
