package dev.castore.benchmarks;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.spi.Blake3Provider;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Independent messages hashed on every core at once, one thread per core, each message on one
 * thread: what a server hashing many small blobs and directories gets. The score is messages per
 * nanosecond over all threads; {@code benchmarks/blake3.sh} prints its inverse, the time per
 * message.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Threads(Threads.MAX)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class Blake3MessagesBenchmark {

    @Param({"1024", "262144"})
    public int size;

    private byte[] input;
    private Blake3Provider portable;
    private Blake3Provider vector;

    @Setup(Level.Trial)
    public void setUp() {
        input = Blake3Benchmark.content(size);
        portable = Blake3Benchmark.provider("portable");
        vector = Blake3Benchmark.provider("vector");
    }

    @Benchmark
    public B3Digest portableAllCores() {
        return portable.newHasher().update(input).digest();
    }

    @Benchmark
    public B3Digest vectorAllCores() {
        return vector.newHasher().update(input).digest();
    }
}
