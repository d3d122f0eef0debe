package dev.castore.blake3.vector;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the vector implementation's time goes: LANES whole chunks including the transposition
 * of their message words (gathers), against the same number of block compressions on message
 * words that are already transposed. Lives in the implementation's package, which the class
 * path allows, to reach its package-private parts.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LaneCompressionBenchmark {

    private final LaneCompression lanes = new LaneCompression();
    private final int[] cvs = new int[8 * LaneCompression.LANES];
    private final int[] state = new int[8 * LaneCompression.LANES];
    private final int[] message = new int[16 * LaneCompression.LANES];
    private final int[] counters = new int[2 * LaneCompression.LANES];
    private MemorySegment chunks;

    @Setup
    public void setUp() {
        byte[] bytes = new byte[LaneCompression.LANES * 1024];
        new Random(42).nextBytes(bytes);
        chunks = MemorySegment.ofArray(bytes);
    }

    /** LANES chunks: 16 transpositions and 16 compressions. */
    @Benchmark
    public int[] chunksWithTransposition() {
        lanes.chunks(chunks, 0, 0, cvs, 0);
        return cvs;
    }

    /** The 16 compressions alone. */
    @Benchmark
    public int[] compressionsOnly() {
        for (int b = 0; b < 16; b++) {
            lanes.compress(state, message, counters, 64, 0);
        }
        return state;
    }
}
