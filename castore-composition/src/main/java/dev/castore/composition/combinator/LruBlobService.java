package dev.castore.composition.combinator;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobDeletion;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
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

    /** A cache named {@code name} (for messages) keeping at most {@code maxBytes} of far's blobs in {@code near}. */
    public LruBlobService(String name, BlobService near, BlobDeletion deletion, BlobService far, long maxBytes) {
        this.name = name;
        this.near = near;
        this.deletion = deletion;
        this.far = far;
        this.maxBytes = maxBytes;
        this.index = new LruIndex(maxBytes);
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

    private void evictIfOver() {
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
}
