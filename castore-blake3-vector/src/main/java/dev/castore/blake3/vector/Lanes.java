package dev.castore.blake3.vector;

import dev.castore.api.spi.Blake3Provider;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Whether hashing goes on the lanes yet. Code on the Vector API is fast only once the JIT has
 * compiled it: interpreted, the lane kernel hashes about 5 MB/s, and compiling it costs the JIT
 * about three seconds of a core (measured on the 2-core AMD EPYC machines this is built on). A
 * short command would lose seconds for nothing, so hashing starts on the portable code, and the
 * lanes take over only where they pay: once {@link #expect} has announced {@link #worthBytes}
 * of work (a daemon announces unbounded work), a background thread runs the kernel on dummy
 * data until it is compiled and beats the portable code on the same input three times in a row;
 * from then on new hashes use the lanes. If they never beat it (an emulated vector shape), they
 * are never used.
 */
final class Lanes {

    /** Where the lanes stand. */
    enum State { COLD, WARMING, READY, SLOWER, UNUSABLE }

    /** The system property that sets {@link #worthBytes}; 0 makes the lanes ready at once (tests, benchmarks). */
    static final String WORTH_PROPERTY = "castore.blake3.lanes.after";

    private static final int PROBE_BYTES = 64 * 1024;
    private static final int WINS_NEEDED = 3;
    private static final long GIVE_UP_NANOS = 120_000_000_000L;

    private final long worthBytes;
    private final AtomicLong expected = new AtomicLong();
    private final AtomicReference<State> state;
    private final Blake3Provider portable;
    private final Supplier<Optional<String>> unusable;

    /**
     * @param unusable why the lanes cannot run here at all (e.g. too narrow vectors); asked only
     *     when they are first wanted
     */
    Lanes(long worthBytes, Blake3Provider portable, Supplier<Optional<String>> unusable) {
        this.worthBytes = worthBytes;
        this.portable = portable;
        this.unusable = unusable;
        this.state = new AtomicReference<>(State.COLD);
        if (worthBytes <= 0) {
            state.set(unusable.get().isPresent() ? State.UNUSABLE : State.READY);
        }
    }

    /** The lanes of this process: ready after 4 GiB of announced work, or as the system property says. */
    static Lanes fromProperties(Blake3Provider portable, Supplier<Optional<String>> unusable) {
        return new Lanes(Long.getLong(WORTH_PROPERTY, 4L << 30), portable, unusable);
    }

    State state() {
        return state.get();
    }

    boolean ready() {
        return state.get() == State.READY;
    }

    /** Bytes of announced work after which the lanes are warmed up. */
    long worthBytes() {
        return worthBytes;
    }

    /** Adds {@code bytes} (saturating) to the announced work; starts the warm-up once it is worth it. */
    void expect(long bytes) {
        long total = expected.accumulateAndGet(Math.max(0, bytes), (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        if (total >= worthBytes && state.compareAndSet(State.COLD, State.WARMING)) {
            if (unusable.get().isPresent()) {
                state.set(State.UNUSABLE);
                return;
            }
            Thread t = new Thread(this::warmUp, "castore-blake3-lanes");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Runs the kernel until it beats the portable code on the same input, then marks the lanes ready. */
    private void warmUp() {
        byte[] data = new byte[PROBE_BYTES];
        new SplittableRandom(1).nextBytes(data);
        MemorySegment input = MemorySegment.ofArray(data);
        SubtreeHasher lanes = new SubtreeHasher();
        int[] out = new int[8];
        long start = System.nanoTime();
        int wins = 0;
        while (wins < WINS_NEEDED) {
            long lanesNanos = time(() -> lanes.cv(input, 0, PROBE_BYTES, 0, out, 0));
            long portableNanos = time(() -> portable.chainingValue(ByteBuffer.wrap(data), 0));
            wins = lanesNanos < portableNanos ? wins + 1 : 0;
            if (System.nanoTime() - start > GIVE_UP_NANOS) {
                state.set(State.SLOWER);
                return;
            }
        }
        state.set(State.READY);
    }

    private static long time(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return System.nanoTime() - t0;
    }
}
