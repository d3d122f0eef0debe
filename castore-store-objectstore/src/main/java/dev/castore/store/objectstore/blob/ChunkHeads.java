package dev.castore.store.objectstore.blob;

import dev.castore.store.objectstore.backend.ObjectStore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which chunks of one blob a writer asks the store about (a HEAD) before putting them. Asking
 * saves the upload of a chunk the store has; on S3 it is a request of its own, and a blob of new
 * data pays one per chunk for nothing: in an import of 1 GiB of new data into s3proxy, half the
 * requests and a quarter of the time. So once {@link #MISSES_TO_SKIP} HEADs in a row found
 * nothing, only every {@link #PROBE_EVERY}th chunk is asked about and the others are put
 * directly; a HEAD that finds its chunk goes back to asking about every one. A chunk put although
 * the store had it replaces an object with one of the same content under the same key: only its
 * upload was not needed. A store whose HEAD is a lookup on this machine is asked about every chunk.
 * Thread-safe: the answers come from concurrent uploads, in any order.
 */
final class ChunkHeads {

    /** HEADs in a row that found nothing, after which most chunks are put without one. */
    static final int MISSES_TO_SKIP = 8;
    /** While skipping: one chunk in this many is still asked about, to notice chunks the store has. */
    static final int PROBE_EVERY = 16;

    private final boolean skippable;
    private final AtomicInteger missesInARow = new AtomicInteger();

    ChunkHeads(ObjectStore store) {
        this.skippable = store.headIsARequest();
    }

    /** Whether to ask the store about the chunk at {@code index} (0 for the blob's first) before putting it. */
    boolean ask(int index) {
        return !skippable || missesInARow.get() < MISSES_TO_SKIP || index % PROBE_EVERY == 0;
    }

    /** Records what a HEAD found. */
    void answered(boolean found) {
        if (found) {
            missesInARow.set(0);
        } else {
            missesInARow.incrementAndGet();
        }
    }
}
