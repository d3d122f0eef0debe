package dev.castore.benchmarks;

import dev.castore.api.digest.B3Digest;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * BLAKE3-256 of one in-memory input, per implementation: castore's portable and vector ones
 * (one thread: the incremental hasher; all cores: the provider's one-shot hash) next to Bouncy
 * Castle, commons-codec and io.github.rctcwyvrn:blake3. Time per digest; benchmarks/blake3.sh
 * turns it into MB/s and compares with b3sum on the same bytes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class Blake3Benchmark {

    @Benchmark
    public B3Digest portableOneThread(Blake3Inputs in) {
        return in.portable.newHasher().update(in.input).digest();
    }

    @Benchmark
    public B3Digest vectorOneThread(Blake3Inputs in) {
        return in.vector.newHasher().update(in.input).digest();
    }

    @Benchmark
    public B3Digest vectorAllCores(Blake3Inputs in) {
        return in.vector.hash(ByteBuffer.wrap(in.input));
    }

    @Benchmark
    public B3Digest nativeOneThread(Blake3Inputs in) {
        if (in.nativeCode == null) {
            throw new IllegalStateException("the native BLAKE3's library is not loaded: run with -Dcastore.blake3.library=PATH");
        }
        return in.nativeCode.newHasher().update(in.input).digest();
    }

    @Benchmark
    public byte[] bouncyCastle(Blake3Inputs in) {
        Blake3Digest digest = new Blake3Digest(256);
        digest.update(in.input, 0, in.input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    @Benchmark
    public byte[] commonsCodec(Blake3Inputs in) {
        return org.apache.commons.codec.digest.Blake3.initHash().update(in.input).doFinalize(32);
    }

    @Benchmark
    public byte[] rctcwyvrn(Blake3Inputs in) {
        io.github.rctcwyvrn.blake3.Blake3 hasher = io.github.rctcwyvrn.blake3.Blake3.newInstance();
        hasher.update(in.input);
        return hasher.digest();
    }
}
