package dev.castore.benchmarks;

import dev.castore.api.digest.B3Digest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Independent messages hashed on every core at once, one thread per core, each message on one
 * thread: what a server hashing many small blobs and directories gets, or several large blobs
 * uploaded at once. The score is messages per nanosecond over all threads;
 * {@code benchmarks/blake3.sh} prints its inverse, the time per message.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(Threads.MAX)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class Blake3MessagesBenchmark {

    @Benchmark
    public B3Digest portableAllCores(Blake3Inputs in) {
        return in.portable.newHasher().update(in.input).digest();
    }

    @Benchmark
    public B3Digest vectorAllCores(Blake3Inputs in) {
        return in.vector.newHasher().update(in.input).digest();
    }
}
