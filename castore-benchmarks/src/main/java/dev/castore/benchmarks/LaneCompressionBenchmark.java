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
 * of their message words into lanes, against the same number of block compressions on message
 * words that are already transposed, and the transpositions alone. Lives in the implementation's package, which the class
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
    private final int[] words = new int[LaneCompression.LANES * 256];
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
        lanes.chunks(chunks, 0, 0, LaneCompression.LANES, cvs, 0);
        return cvs;
    }

    /** The 16 compressions alone. */
    @Benchmark
    public int[] compressionsOnly() {
        for (int b = 0; b < 16; b++) {
            LaneCompression.compress(state, message, counters, 64, 0);
        }
        return state;
    }

    /** The 32 8x8 transpositions of 16 blocks' message words. */
    @Benchmark
    public int[] transpositionsOnly() {
        for (int b = 0; b < 32; b++) {
            LaneCompression.transpose(words, 8 * b, 256, message, 8 * (b & 1) * LaneCompression.LANES,
                    LaneCompression.LANES);
        }
        return message;
    }
}
