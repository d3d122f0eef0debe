package dev.castore.store.objectstore.blob;

import dev.castore.store.objectstore.spi.ObjectStore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which objects the writers of one service ask the store about (a HEAD) before putting them: the
 * chunks, and each blob's chunk list. Asking saves the upload of an object the store has; on S3
 * it is a request of its own, which new data pays for nothing: one per chunk of a large file (in
 * an import of 1 GiB of new data into s3proxy, half the requests and a quarter of the time), two
 * of the four requests of each small file. So once {@link #MISSES_TO_SKIP} HEADs in a row found
 * nothing, only one object in {@link #PROBE_EVERY} is asked about and the others are put
 * directly; a HEAD that finds its object goes back to asking about every one. The answers are
 * shared by all writers of the service: a tree of small files is one stream of new objects, each
 * file's too few to learn from. An object put although the store had it replaces an object of
 * the same content under the same key: only its upload was not needed, at most
 * {@link #PROBE_EVERY} and the uploads in flight in a row. A store whose HEAD is a lookup on this
 * machine is asked about every object. Thread-safe: the answers come from concurrent uploads and
 * writers, in any order.
 */
final class ObjectHeads {

    /** HEADs in a row that found nothing, after which most objects are put without one. */
    static final int MISSES_TO_SKIP = 8;
    /** While skipping: one object in this many is still asked about, to notice objects the store has. */
    static final int PROBE_EVERY = 16;

    private final boolean skippable;
    private final AtomicInteger missesInARow = new AtomicInteger();
    private final AtomicLong whileSkipping = new AtomicLong();

    ObjectHeads(ObjectStore store) {
        this.skippable = store.headIsARequest();
    }

    /** Whether to ask the store about the next object before putting it. */
    boolean ask() {
        return !skippable || missesInARow.get() < MISSES_TO_SKIP || whileSkipping.getAndIncrement() % PROBE_EVERY == 0;
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
