package dev.castore.benchmarks;

import dev.castore.api.chunking.FastCdc;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The content-defined chunker's cuts over 64 MiB of noise in memory, one thread, at the object
 * store's default average chunk size and a small one: time per 64 MiB, so MB/s is 64 MiB over
 * the score. The cut is on the critical path of every import into a chunking store.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class FastCdcBenchmark {

    @Param({"262144", "16384"})
    public int average;

    private byte[] input;
    private FastCdc cdc;

    @Setup
    public void setUp() {
        input = new byte[64 << 20];
        new SplittableRandom(1).nextBytes(input);
        cdc = FastCdc.forAverage(average);
    }

    /** Every cut of the input; returns their count. */
    @Benchmark
    public int cutAll() {
        int offset = 0;
        int cuts = 0;
        while (offset < input.length) {
            offset += cdc.cut(input, offset, input.length - offset).length();
            cuts++;
        }
        return cuts;
    }
}
