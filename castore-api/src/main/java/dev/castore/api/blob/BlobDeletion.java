package dev.castore.api.blob;

import dev.castore.api.digest.B3Digest;
import java.io.IOException;

/**
 * The optional capability of a blob store to give stored data up, which a cache bounded in bytes
 * needs to evict. A store offers it through {@link BlobService#deletion()}; a decorator forwards
 * it only when deleting through it is right (a read-only view does not).
 *
 * <p>{@link #delete} removes what is stored under that one digest: the blob's chunk list and, when
 * the digest is also stored as a whole chunk, that chunk. It never removes the chunks a list names,
 * since other blobs may share them; a caller that knows nobody else uses a chunk deletes it by its
 * own digest. Afterwards {@code has(digest)} is false unless the digest is written again. Deleting
 * what is not stored is not an error. A reader opened before the delete may fail afterwards.
 */
public interface BlobDeletion {

    /** Removes what is stored under {@code digest}; nothing when nothing is. */
    void delete(B3Digest digest) throws IOException;
}
