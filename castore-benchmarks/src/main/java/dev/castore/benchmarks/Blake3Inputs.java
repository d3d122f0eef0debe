package dev.castore.benchmarks;

import dev.castore.api.digest.Blake3;
import dev.castore.api.spi.Blake3Provider;
import java.util.Random;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The input of the BLAKE3 benchmarks, shared by all threads, and castore's implementations. */
@State(Scope.Benchmark)
public class Blake3Inputs {

    /** Input sizes: one chunk, a typical content-defined chunk, a large blob. */
    @Param({"1024", "262144", "67108864"})
    public int size;

    byte[] input;
    Blake3Provider portable;
    Blake3Provider vector;
    /** The C implementation, or null where its library does not load (-Dcastore.blake3.library=...). */
    Blake3Provider nativeCode;

    @Setup(Level.Trial)
    public void setUp() {
        input = content(size);
        portable = Blake3.provider("portable");
        vector = Blake3.provider("vector");
        nativeCode = nativeOrNull();
    }

    /** The benchmark input: the same pseudo-random bytes that benchmarks/blake3.sh gives b3sum. */
    public static byte[] content(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** castore's native BLAKE3, or null where its library cannot be loaded. */
    static Blake3Provider nativeOrNull() {
        try {
            return Blake3.provider("native");
        } catch (IllegalStateException unavailable) {
            return null;
        }
    }
}
