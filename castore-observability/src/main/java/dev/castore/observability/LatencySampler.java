package dev.castore.observability;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Which operations of one store operation (blob {@code put} of instance {@code root}) are timed
 * for the latency histogram: all of them while they are slow enough that reading the clock twice
 * is lost in their time, one in {@link #ONE_IN} at random while they take a few µs.
 *
 * <p>Why: on a virtual machine's clock a read costs 30 to 60 ns, and a put of 1 KiB into memory
 * 1.5 µs, so that timing each such put cost its instance 5 to 8% (BENCHMARKS.md, "Instrumentation");
 * a disk, an object store, Bigtable or a gRPC store takes tens of µs or more, where the same
 * reads are under 1%. Operations are counted exactly elsewhere; only their latency is sampled.
 *
 * <p>The choice follows a moving average of the timed latencies (each timed one weighing 1/8), so
 * that one fast or slow operation does not flip it: the histogram of an instance whose operations
 * are sometimes fast and sometimes slow is then not skewed toward either. It starts by timing
 * everything, from the first timed operation's latency. The fields are read and written without
 * locks: two threads timing at once may lose one average's update, which only delays a change.
 * Random rather than every N-th, so that a workload's own rhythm (a {@code has} before every put)
 * cannot line up with the choice.
 */
final class LatencySampler {

    /** Operations faster than this on average are sampled. */
    static final long SLOW_NANOS = 20_000;
    /** A power of two: the choice is a mask of a random int. */
    static final int ONE_IN = 64;

    private static final int EVERY = 0;
    private static final int SAMPLED = ONE_IN - 1;
    private static final long NONE_YET = -1;

    private volatile int mask = EVERY;
    private volatile long averageNanos = NONE_YET;

    /** Whether to time the operation starting now. */
    boolean timesNext() {
        int m = mask;
        return m == EVERY || (ThreadLocalRandom.current().nextInt() & m) == 0;
    }

    /** Learns from a timed operation's latency. */
    void timed(long nanos) {
        long before = averageNanos;
        long average = before == NONE_YET ? nanos : before + ((nanos - before) >> 3);
        averageNanos = average;
        int m = average > SLOW_NANOS ? EVERY : SAMPLED;
        if (m != mask) {
            mask = m;
        }
    }

    /** Whether every operation is timed now (for tests). */
    boolean timesEvery() {
        return mask == EVERY;
    }
}
