package dev.castore.store.rocksdb.pack;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * LZ4's reference compressor, {@code LZ4_compress_default}, from RocksDB's native library, which
 * links it in and exports it: called on the Java arrays themselves (a critical call, no copy).
 * With it the import threads of a first import of the benchmark tree took 5.0 to 5.2 CPU-s,
 * with {@link Lz4}'s Java loop 5.6 to 5.7 (load 6 to 8); its blocks are LZ4 blocks like that
 * one's, which {@link Lz4#decompress} reads and checks. Absent when the library is not
 * loaded by this module's class loader or lacks the symbol; {@link Lz4} then compresses.
 */
final class NativeLz4 {

    private static final MethodHandle COMPRESS = find();

    private NativeLz4() {}

    private static MethodHandle find() {
        try {
            Optional<MemorySegment> symbol = SymbolLookup.loaderLookup().find("LZ4_compress_default");
            if (symbol.isEmpty()) {
                return null;
            }
            return Linker.nativeLinker().downcallHandle(symbol.get(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.critical(true));
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    static boolean available() {
        return COMPRESS != null;
    }

    /** Compresses {@code src[0, length)} into {@code dst}; returns the compressed length, 0 when it did not fit. */
    static int compress(byte[] src, int length, byte[] dst) {
        try {
            return (int) COMPRESS.invokeExact(MemorySegment.ofArray(src), MemorySegment.ofArray(dst), length, dst.length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
