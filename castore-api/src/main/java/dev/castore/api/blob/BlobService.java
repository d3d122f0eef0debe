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

    /** A writer for a new blob; its {@link BlobWriter#commit()} returns the digest. */
    BlobWriter openWriter() throws IOException;

    /**
     * The blob's chunks in order: empty when the blob is not stored; an empty list when it is
     * stored without finer granularity. Callers treat a list of one chunk like an empty list.
     */
    default Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        return has(digest) ? Optional.of(List.of()) : Optional.empty();
    }

    /** Releases the store's resources. The default does nothing. */
    @Override
    default void close() throws IOException {}
}
