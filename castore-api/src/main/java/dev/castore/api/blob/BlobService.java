package dev.castore.api.blob;

import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Stores blobs, each addressed by the BLAKE3 digest of its contents.
 *
 * <p>Stores that chunk blobs also answer {@link #has} and {@link #open} for the digest of every
 * chunk they list in {@link #chunks}. Implementations are thread-safe.
 */
public interface BlobService extends AutoCloseable {

    /** Whether the blob (or chunk) is stored. */
    boolean has(B3Digest digest) throws IOException;

    /**
     * A reader over the blob's bytes, or empty when it is not stored. Every byte a reader returns
     * has been verified against the digest it was stored under (per chunk for chunked stores).
     */
    Optional<BlobReader> open(B3Digest digest) throws IOException;

    /**
     * A writer for a new blob; its {@link BlobWriter#commit()} returns the digest once the blob is
     * durable ({@link Durability#ON_COMMIT}).
     */
    BlobWriter openWriter() throws IOException;

    /**
     * A writer for a new blob with the given durability. With {@link Durability#ON_SYNC} the
     * commit only makes the blob visible, and {@link #sync()} makes it durable, so that many blobs
     * share one sync. Stores whose every commit is durable anyway need not override this.
     */
    default BlobWriter openWriter(Durability durability) throws IOException {
        return openWriter();
    }

    /**
     * Makes every blob committed through this service before the call durable, those written
     * with {@link Durability#ON_SYNC} included. Concurrent calls may share one sync. The default
     * does nothing, which is right for stores whose commits are always durable.
     */
    default void sync() throws IOException {}

    /**
     * The blob's chunks in order: empty when the blob is not stored; an empty list when it is
     * stored without finer granularity. Callers treat a list of one chunk like an empty list.
     */
    default Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        return has(digest) ? Optional.of(List.of()) : Optional.empty();
    }

    /**
     * How many calls a caller with many blobs to write or look up (an import of a tree) does well
     * to keep in flight at once: 0, the default, leaves it to the caller (about one per core),
     * right for a store that works on this machine's cores. A store across a network waits a
     * round trip for each commit and each {@link #has}, and says more.
     */
    default int callsInFlight() {
        return 0;
    }

    /**
     * Deleting from this store, when it can ({@link BlobDeletion}); empty for stores that cannot
     * and for decorators that must not delete through to their inner store. The default offers
     * the store itself when it implements {@link BlobDeletion}.
     */
    default Optional<BlobDeletion> deletion() {
        return this instanceof BlobDeletion d ? Optional.of(d) : Optional.empty();
    }

    /**
     * Listing the blobs of this store, when it can ({@link BlobListing}); empty for stores that
     * cannot and for decorators whose blobs are not their inner store's. The default offers the
     * store itself when it implements {@link BlobListing}.
     */
    default Optional<BlobListing> listing() {
        return this instanceof BlobListing l ? Optional.of(l) : Optional.empty();
    }

    /**
     * Fails, saying why, while the store refuses every write until it is opened again: after a
     * failed sync, which may have lost bytes that an earlier write was told were stored, as the
     * local stores do (their recovery is a crash's, at the next open). A daemon's readiness check
     * asks it, so that such a store shows as not ready. The default does nothing, for stores with
     * no such state.
     */
    default void checkWritable() throws IOException {}

    /** Releases the store's resources. The default does nothing. */
    @Override
    default void close() throws IOException {}
}
