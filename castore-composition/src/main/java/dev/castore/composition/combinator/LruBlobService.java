package dev.castore.composition.combinator;

import dev.castore.api.CorruptDataException;
import dev.castore.api.Cursor;
import dev.castore.api.blob.BlobDeletion;
import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.ListedBlob;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read cache bounded in bytes: {@code far} holds every blob, {@code near} keeps copies of the
 * blobs read most recently. A read that near cannot serve copies the blob from far into near
 * through near's writer, whose commit must yield the requested digest (else nothing is kept and
 * nothing served), and is then served from near; a blob larger than the whole bound is served
 * from far without being kept. When the kept bytes exceed the bound, the least recently used
 * blobs no reader holds are deleted from near ({@link BlobDeletion}). Writes and syncs go to far
 * only. Near must be dedicated to this cache: what others write there is not counted.
 *
 * <p>What near holds when the cache opens (a persistent near store, reopened) is counted from
 * near's {@link BlobListing}, on a thread of its own, so that reads are served meanwhile; nothing
 * is evicted until the count is complete (the bytes may exceed the bound until then), and then
 * whatever exceeds the bound is. When those blobs were last read is not known: they count as
 * read before any blob read since the cache opened, so those go last, and among themselves in
 * no particular order (the reverse of near's listing, which for the built-in stores is unrelated
 * to use). A near store that cannot list keeps its earlier blobs uncounted until they are read
 * again, which is logged at open.
 */
public final class LruBlobService implements BlobService {

    private static final Logger LOG = LoggerFactory.getLogger(LruBlobService.class);
    private static final long MISSING = -1;
    private static final long TOO_LARGE = -2;

    private final String name;
    private final BlobService near;
    private final BlobDeletion deletion;
    private final BlobService far;
    private final long maxBytes;
    private final LruIndex index;
    /** Copies into near hold it shared, evictions exclusively, so no piece is deleted while a copy may be using it. */
    private final ReadWriteLock copying = new ReentrantReadWriteLock();
    /** Open until what near held at open is counted; evictions wait for it. */
    private final CountDownLatch counted = new CountDownLatch(1);
    private volatile boolean closing;

    /** A cache named {@code name} (for messages) keeping at most {@code maxBytes} of far's blobs in {@code near}. */
    public LruBlobService(String name, BlobService near, BlobDeletion deletion, BlobService far, long maxBytes) {
        this.name = name;
        this.near = near;
        this.deletion = deletion;
        this.far = far;
        this.maxBytes = maxBytes;
        this.index = new LruIndex(maxBytes);
        Optional<BlobListing> held = near.listing();
        if (held.isPresent()) {
            Thread.ofVirtual().name("lru-count-" + name).start(() -> countHeld(held.get()));
        } else {
            counted.countDown();
            LOG.warn("lru blob service '{}': its near store cannot list its blobs, so what it holds from before is "
                    + "not counted against max_bytes until read again; start it empty to keep the bound", name);
        }
    }

    /**
     * Counts the blobs near holds, then evicts what exceeds the bound. A failure leaves the rest
     * uncounted (the bound then holds only for what was counted and what is read), so it is logged.
     */
    private void countHeld(BlobListing listing) {
        int blobs = 0;
        try (Cursor<ListedBlob> held = listing.list()) {
            for (Optional<ListedBlob> b = held.next(); b.isPresent() && !closing; b = held.next()) {
                B3Digest d = b.get().digest();
                Optional<List<ChunkMeta>> chunks = b.get().size() == 0 ? Optional.of(List.of()) : near.chunks(d);
                if (chunks.isPresent() && index.addHeld(d, b.get().size(), chunks.get())) {
                    blobs++;
                }
            }
            if (blobs > 0) {
                LOG.info("lru blob service '{}': counted {} blobs already in its near store, {} bytes in all kept",
                        name, blobs, index.bytes());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("lru blob service '{}': counting the blobs already in its near store failed after {}; the "
                    + "others are not counted against max_bytes until read again: {}", name, blobs, e.getMessage());
        } finally {
            try {
                if (!closing) {
                    evictOver();
                }
            } finally {
                counted.countDown();
            }
        }
    }

    /**
     * Waits until the blobs near held when this cache opened are counted (and what exceeded the
     * bound evicted); reads do not wait for it.
     */
    public void awaitCounted() throws InterruptedException {
        counted.await();
    }

    /** Bytes of blobs kept in near, each piece counted once. */
    public long keptBytes() {
        return index.bytes();
    }

    /** Blobs kept in near. */
    public int keptBlobs() {
        return index.size();
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        return index.contains(digest) || far.has(digest);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        if (index.pin(digest)) {
            Optional<BlobReader> kept = openPinned(digest);
            if (kept.isPresent()) {
                return kept;
            }
        }
        long size = copyFromFar(digest);
        if (size == MISSING) {
            return Optional.empty();
        }
        if (size == TOO_LARGE) {
            return far.open(digest);
        }
        evictIfOver();
        Optional<BlobReader> kept = openPinned(digest);
        return kept.isPresent() ? kept : far.open(digest);
    }

    /**
     * A reader from near of a blob the caller has pinned, which keeps the pin until it is closed;
     * empty (and unpinned) when near lost the blob.
     */
    private Optional<BlobReader> openPinned(B3Digest digest) throws IOException {
        Optional<BlobReader> r;
        try {
            r = near.open(digest);
        } catch (IOException | RuntimeException e) {
            index.unpin(digest);
            throw e;
        }
        if (r.isEmpty()) {
            index.unpin(digest);
            LOG.warn("lru blob service '{}': blob {} vanished from its near store; fetching it from far again",
                    name, digest.toHex());
            copying.writeLock().lock();
            try {
                delete(index.forget(digest));
            } finally {
                copying.writeLock().unlock();
            }
            return Optional.empty();
        }
        return Optional.of(new PinnedBlobReader(r.get(), () -> {
            index.unpin(digest);
            evictIfOver();
        }));
    }

    /**
     * Copies the blob from far into near and counts it, pinned for the caller; its size,
     * {@link #MISSING} or {@link #TOO_LARGE}.
     */
    private long copyFromFar(B3Digest digest) throws IOException {
        copying.readLock().lock();
        try (BlobReader in = far.open(digest).orElse(null)) {
            if (in == null) {
                return MISSING;
            }
            long size;
            try (BlobWriter out = near.openWriter(Durability.ON_SYNC)) {
                size = BlobCopy.transfer(in, out, maxBytes);
                if (size < 0) {
                    return TOO_LARGE; // closing the writer uncommitted discards the copy
                }
                B3Digest copied = out.commit();
                if (!copied.equals(digest)) {
                    if (!index.holdsPiece(copied)) {
                        deletion.delete(copied);
                    }
                    throw new CorruptDataException("lru blob service '" + name + "': blob " + digest.toHex()
                            + " read from its far store hashes to " + copied.toHex() + "; not kept, not served");
                }
            }
            List<ChunkMeta> chunks = near.chunks(digest).orElse(List.of());
            index.addPinned(digest, size, chunks);
            return size;
        } finally {
            copying.readLock().unlock();
        }
    }

    /** Evicts what exceeds the bound, once what near held at open is counted. */
    private void evictIfOver() {
        if (counted.getCount() == 0) {
            evictOver();
        }
    }

    private void evictOver() {
        if (!index.over()) {
            return;
        }
        copying.writeLock().lock();
        try {
            delete(index.evict());
        } finally {
            copying.writeLock().unlock();
        }
    }

    /**
     * Deletes pieces from near, holding {@link #copying} exclusively; a failure leaves bytes there
     * that are no longer counted, so it is logged.
     */
    private void delete(List<B3Digest> pieces) {
        for (B3Digest d : pieces) {
            try {
                deletion.delete(d);
            } catch (IOException | RuntimeException e) {
                LOG.warn("lru blob service '{}': could not delete {} from its near store: {}", name, d.toHex(),
                        e.getMessage());
            }
        }
    }

    /** Far's listing: far holds every blob served here, near only copies of some. */
    @Override
    public Optional<BlobListing> listing() {
        return far.listing();
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        return far.openWriter();
    }

    @Override
    public BlobWriter openWriter(Durability durability) throws IOException {
        return far.openWriter(durability);
    }

    @Override
    public void sync() throws IOException {
        far.sync();
    }

    /** Writes and lookups go to far. */
    @Override
    public int callsInFlight() {
        return far.callsInFlight();
    }

    /** Stops counting what near held, if that still runs, before near is closed. */
    @Override
    public void close() {
        closing = true;
        try {
            counted.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
