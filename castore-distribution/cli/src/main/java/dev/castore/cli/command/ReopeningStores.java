package dev.castore.cli.command;

import dev.castore.api.blob.BlobDeletion;
import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.cli.StoreSelection;
import dev.castore.composition.Composition;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores of a daemon, which it opens again when one refuses every write until it is opened
 * again (the embedded default store and {@code file://} after a failed sync, whose recovery is a
 * crash's, at the next open). The front ends get {@link #blobs()} and {@link #directories()},
 * which pass each call to the stores open at that moment; a call in flight while the stores are
 * reopened fails (the store is closed under it), as it would in a daemon restarted.
 */
final class ReopeningStores implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReopeningStores.class);

    /** Opens the stores (the composition the daemon was started with). */
    interface Opener {
        StoreSelection.OpenStores open() throws IOException;
    }

    private final Opener opener;
    private final BlobService blobs = new Blobs();
    private final DirectoryService directories = new Directories();
    /** The stores open now; null after a reopen that failed, until one succeeds. */
    private StoreSelection.OpenStores current;
    private boolean closed;
    private volatile BlobService currentBlobs;
    private volatile DirectoryService currentDirectories;

    private ReopeningStores(Opener opener) {
        this.opener = opener;
    }

    /** Opens the stores, both kinds built. */
    static ReopeningStores open(Opener opener) throws IOException {
        ReopeningStores stores = new ReopeningStores(opener);
        stores.openNow();
        return stores;
    }

    private void openNow() throws IOException {
        StoreSelection.OpenStores fresh = opener.open();
        try {
            BlobService b = fresh.blobs();
            DirectoryService d = fresh.directories();
            currentBlobs = b;
            currentDirectories = d;
            current = fresh;
        } catch (IOException | RuntimeException e) {
            try {
                fresh.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The blob service of the stores open at each call. */
    BlobService blobs() {
        return blobs;
    }

    /** The directory service of the stores open at each call. */
    DirectoryService directories() {
        return directories;
    }

    /** The compositions of the stores open now; none while a reopen has failed. */
    synchronized List<Composition> compositions() {
        return current == null ? List.of() : current.compositions();
    }

    /** Whether the stores are open (false after a reopen that failed, until one succeeds). */
    synchronized boolean isOpen() {
        return current != null;
    }

    /**
     * Closes the stores and opens them again; when that fails, the stores stay closed (their
     * calls fail) and the next reopen tries again.
     */
    synchronized void reopen() throws IOException {
        if (closed) {
            return;
        }
        StoreSelection.OpenStores old = current;
        current = null;
        if (old != null) {
            try {
                old.close();
            } catch (IOException | RuntimeException e) {
                // What a store says as it closes (the failed sync again): the open below is what counts.
                LOG.debug("closing the stores to reopen them: {}", e.getMessage(), e);
            }
        }
        openNow();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (current != null) {
            StoreSelection.OpenStores c = current;
            current = null;
            c.close();
        }
    }

    /** Every method of {@link BlobService}, to the blob service open now. */
    private final class Blobs implements BlobService {
        @Override
        public boolean has(B3Digest digest) throws IOException {
            return currentBlobs.has(digest);
        }

        @Override
        public Optional<BlobReader> open(B3Digest digest) throws IOException {
            return currentBlobs.open(digest);
        }

        @Override
        public BlobWriter openWriter() throws IOException {
            return currentBlobs.openWriter();
        }

        @Override
        public BlobWriter openWriter(Durability durability) throws IOException {
            return currentBlobs.openWriter(durability);
        }

        @Override
        public void sync() throws IOException {
            currentBlobs.sync();
        }

        @Override
        public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
            return currentBlobs.chunks(digest);
        }

        @Override
        public int callsInFlight() {
            return currentBlobs.callsInFlight();
        }

        @Override
        public Optional<BlobDeletion> deletion() {
            return currentBlobs.deletion();
        }

        @Override
        public Optional<BlobListing> listing() {
            return currentBlobs.listing();
        }

        @Override
        public void checkWritable() throws IOException {
            currentBlobs.checkWritable();
        }

        /** The stores are closed with the {@link ReopeningStores}. */
        @Override
        public void close() {}

        @Override
        public String toString() {
            return String.valueOf(currentBlobs);
        }
    }

    /** Every method of {@link DirectoryService}, to the directory service open now. */
    private final class Directories implements DirectoryService {
        @Override
        public Optional<Directory> get(B3Digest digest) throws IOException {
            return currentDirectories.get(digest);
        }

        @Override
        public B3Digest put(Directory directory) throws IOException {
            return currentDirectories.put(directory);
        }

        @Override
        public ClosureStream getRecursive(B3Digest root) throws IOException {
            return currentDirectories.getRecursive(root);
        }

        @Override
        public DirectoryPutter putter() throws IOException {
            return currentDirectories.putter();
        }

        @Override
        public void checkWritable() throws IOException {
            currentDirectories.checkWritable();
        }

        /** The stores are closed with the {@link ReopeningStores}. */
        @Override
        public void close() {}

        @Override
        public String toString() {
            return String.valueOf(currentDirectories);
        }
    }
}
