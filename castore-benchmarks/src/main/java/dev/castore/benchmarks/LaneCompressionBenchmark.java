package dev.castore.benchmarks;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * words that are already transposed, and the transpositions alone. The parts measured are
 * package-private to the implementation; on the class path (this benchmark's jar) a private
 * lookup reaches them, and the handles, constants of this class, compile to direct calls.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LaneCompressionBenchmark {

    /** The lanes of one compression: chunks hashed side by side. */
    private static final int LANES = 8;

    private static final MethodHandle NEW;
    private static final MethodHandle CHUNKS;
    private static final MethodHandle COMPRESS;
    private static final MethodHandle TRANSPOSE;

    static {
        try {
            Class<?> type = Class.forName("dev.castore.blake3.vector.LaneCompression");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            if (lookup.findStaticVarHandle(type, "LANES", int.class).get() instanceof Integer lanes && lanes != LANES) {
                throw new IllegalStateException("LaneCompression has " + lanes + " lanes; this benchmark is written for "
                        + LANES);
            }
            NEW = lookup.findConstructor(type, MethodType.methodType(void.class)).asType(MethodType.methodType(Object.class));
            CHUNKS = lookup.findVirtual(type, "chunks", MethodType.methodType(void.class, MemorySegment.class, long.class,
                    long.class, int.class, int[].class, int.class)).asType(MethodType.methodType(void.class, Object.class,
                    MemorySegment.class, long.class, long.class, int.class, int[].class, int.class));
            COMPRESS = lookup.findStatic(type, "compress", MethodType.methodType(void.class, int[].class, int[].class,
                    int[].class, int.class, int.class));
            TRANSPOSE = lookup.findStatic(type, "transpose", MethodType.methodType(void.class, int[].class, int.class,
                    int.class, int[].class, int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int[] cvs = new int[8 * LANES];
    private final int[] state = new int[8 * LANES];
    private final int[] message = new int[16 * LANES];
    private final int[] counters = new int[2 * LANES];
    private final int[] words = new int[LANES * 256];
    private Object lanes;
    private MemorySegment chunks;

    @Setup
    public void setUp() throws Throwable {
        lanes = (Object) NEW.invokeExact();
        byte[] bytes = new byte[LANES * 1024];
        new Random(42).nextBytes(bytes);
        chunks = MemorySegment.ofArray(bytes);
    }

    /** LANES chunks: 16 transpositions and 16 compressions. */
    @Benchmark
    public int[] chunksWithTransposition() throws Throwable {
        CHUNKS.invokeExact(lanes, chunks, 0L, 0L, LANES, cvs, 0);
        return cvs;
    }

    /** The 16 compressions alone. */
    @Benchmark
    public int[] compressionsOnly() throws Throwable {
        for (int b = 0; b < 16; b++) {
            COMPRESS.invokeExact(state, message, counters, 64, 0);
        }
        return state;
    }

    /** The 32 8x8 transpositions of 16 blocks' message words. */
    @Benchmark
    public int[] transpositionsOnly() throws Throwable {
        for (int b = 0; b < 32; b++) {
            TRANSPOSE.invokeExact(words, 8 * b, 256, message, 8 * (b & 1) * LANES, LANES);
        }
        return message;
    }
}
