package dev.castore.api.blob;

/**
 * When a committed blob survives a crash of the process or the machine.
 *
 * <p>A commit always makes a blob visible atomically; durability is the separate promise that it
 * is still there after a crash. Paying for it once per blob (an fsync, a synchronous log write) is
 * what a single upload needs and what makes a bulk import of many small files crawl, so a writer
 * says which it wants, and a bulk writer pays once, at {@link BlobService#sync()}.
 */
public enum Durability {

    /** {@link BlobWriter#commit()} returns once the blob is durable. The default. */
    ON_COMMIT,

    /**
     * {@link BlobWriter#commit()} makes the blob visible; it is durable once a later
     * {@link BlobService#sync()} has returned. Until then a crash may lose it, never half of it.
     */
    ON_SYNC
}
