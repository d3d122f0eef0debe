package dev.castore.api.digest;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that hash in parallel, one per core, shared by every BLAKE3 implementation, every
 * parallel hasher and every store that hashes pieces of blobs side by side, so that concurrent large hashes share the cores instead of each
 * bringing its own threads. Not the common pool: that one has a thread less than cores, since it
 * counts on callers to help, which a thread outside the pool waiting for a result does not.
 */
public final class HashingPool {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private HashingPool() {}

    /** The pool; its threads are daemons named {@code castore-hash-N}. */
    public static ForkJoinPool get() {
        return Holder.POOL;
    }

    /** Whether more than one core can hash at a time. */
    public static boolean parallel() {
        return Holder.POOL.getParallelism() > 1;
    }

    private static final class Holder {
        static final ForkJoinPool POOL = new ForkJoinPool(
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                pool -> {
                    ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                    t.setName("castore-hash-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                null,
                false);
    }
}
