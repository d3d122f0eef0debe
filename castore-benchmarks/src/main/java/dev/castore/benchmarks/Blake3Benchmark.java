package dev.castore.benchmarks;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.spi.Blake3Provider;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.Blake3Digest;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * BLAKE3-256 of one in-memory input, per implementation: castore's portable and vector ones
 * (one thread: the incremental hasher; all cores: the provider's one-shot hash) next to Bouncy
 * Castle, commons-codec and io.github.rctcwyvrn:blake3. Time per digest; benchmarks/blake3.sh
 * turns it into MB/s and compares with b3sum on the same bytes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class Blake3Benchmark {

    /** Input sizes: one chunk, a typical content-defined chunk, a large blob. */
    @Param({"1024", "262144", "67108864"})
    public int size;

    private byte[] input;
    private Blake3Provider portable;
    private Blake3Provider vector;

    @Setup(Level.Trial)
    public void setUp() {
        input = content(size);
        portable = provider("portable");
        vector = provider("vector");
    }

    /** The benchmark input: the same pseudo-random bytes that benchmarks/blake3.sh gives b3sum. */
    public static byte[] content(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** The implementation named {@code name}, which must be able to run here. */
    static Blake3Provider provider(String name) {
        Blake3Provider provider = Blake3.providers().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no BLAKE3 provider named " + name));
        provider.unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("the BLAKE3 implementation '" + name + "' cannot run: " + reason);
        });
        return provider;
    }

    @Benchmark
    public B3Digest portableOneThread() {
        return portable.newHasher().update(input).digest();
    }

    @Benchmark
    public B3Digest vectorOneThread() {
        return vector.newHasher().update(input).digest();
    }

    @Benchmark
    public B3Digest vectorAllCores() {
        return vector.hash(ByteBuffer.wrap(input));
    }

    @Benchmark
    public byte[] bouncyCastle() {
        Blake3Digest digest = new Blake3Digest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    @Benchmark
    public byte[] commonsCodec() {
        return org.apache.commons.codec.digest.Blake3.initHash().update(input).doFinalize(32);
    }

    @Benchmark
    public byte[] rctcwyvrn() {
        io.github.rctcwyvrn.blake3.Blake3 hasher = io.github.rctcwyvrn.blake3.Blake3.newInstance();
        hasher.update(input);
        return hasher.digest();
    }
}
