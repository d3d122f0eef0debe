package dev.castore.blake3.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The library's functions (src/main/c/castore_blake3.c), loaded and bound once, when this class
 * is first used. They are critical downcalls: the JVM calls them without a thread state change
 * and passes heap arrays as they are, so callers keep each call short (at most {@link #MAX_CALL}
 * bytes) since a safepoint waits for it. The handles are static finals, which the JIT inlines.
 */
final class NativeBlake3 {

    /** The system property that names the library file, instead of the image's {@code lib/libcastore-blake3.so}. */
    static final String LIBRARY_PROPERTY = "castore.blake3.library";

    /** Bytes hashed in one call at most: about a third of a millisecond. */
    static final int MAX_CALL = 1 << 20;

    /** Why the library cannot be used, or null when it can. */
    static final String REASON;
    /** Bytes of the C hasher's state. */
    static final long STATE_SIZE;

    private static final MethodHandle INIT;
    private static final MethodHandle UPDATE;
    private static final MethodHandle FINALIZE;
    private static final MethodHandle HASH;
    private static final MethodHandle CHAINING_VALUE;
    private static final MethodHandle PARENT_CV;

    static {
        Path path = libraryPath();
        MethodHandle[] handles = new MethodHandle[6];
        long size = 0;
        String reason = null;
        if (!Files.isRegularFile(path)) {
            reason = "its library " + path + " is missing (built with gcc from Debian's librust-blake3-dev"
                    + " sources when the image is built)";
        } else {
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(path, Arena.global());
                // Every function has one signature, (pointer, pointer, u64, u64) -> void: the JVM
                // generates the code of a downcall once per signature, at a cost to every start.
                MethodHandle stub = Linker.nativeLinker().downcallHandle(
                        FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG), Linker.Option.critical(true));
                String[] names = {"init", "update", "finalize", "hash", "chaining_value", "parent_cv"};
                for (int i = 0; i < names.length; i++) {
                    handles[i] = stub.bindTo(find(lookup, "castore_blake3_" + names[i]));
                }
                long[] out = new long[1];
                stub.bindTo(find(lookup, "castore_blake3_state_size"))
                        .invokeExact(MemorySegment.ofArray(out), MemorySegment.NULL, 0L, 0L);
                size = out[0];
                if (size <= 0 || size > 1 << 16) {
                    throw new IllegalStateException("it reports a hasher state of " + size + " bytes");
                }
            } catch (Throwable e) {
                reason = "its library " + path + " cannot be loaded: " + e.getMessage();
                handles = new MethodHandle[6];
            }
        }
        REASON = reason;
        STATE_SIZE = size;
        INIT = handles[0];
        UPDATE = handles[1];
        FINALIZE = handles[2];
        HASH = handles[3];
        CHAINING_VALUE = handles[4];
        PARENT_CV = handles[5];
    }

    private NativeBlake3() {}

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("it has no function " + name));
    }

    /** Fails with the reason when the library cannot be used. */
    static void check() {
        if (REASON != null) {
            throw new IllegalStateException("the native BLAKE3 cannot run here: " + REASON);
        }
    }

    static void init(MemorySegment state) {
        call(INIT, state, MemorySegment.NULL, 0L, 0L);
    }

    static void update(MemorySegment state, MemorySegment input, long length) {
        call(UPDATE, state, input, length, 0L);
    }

    static void finalizeDigest(MemorySegment state, MemorySegment out) {
        call(FINALIZE, state, out, 0L, 0L);
    }

    static void hash(MemorySegment input, long length, MemorySegment out) {
        call(HASH, input, out, length, 0L);
    }

    static void chainingValue(MemorySegment input, long length, long firstChunk, MemorySegment out) {
        call(CHAINING_VALUE, input, out, length, firstChunk);
    }

    static void parentCv(MemorySegment children, MemorySegment out) {
        call(PARENT_CV, children, out, 0L, 0L);
    }

    /** Calls one of the library's functions: they all have the one signature. */
    private static void call(MethodHandle function, MemorySegment a, MemorySegment b, long x, long y) {
        try {
            function.invokeExact(a, b, x, y);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(e);
    }

    /** The library file this JVM would load. */
    static Path libraryPath() {
        String named = System.getProperty(LIBRARY_PROPERTY);
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        return Path.of(System.getProperty("java.home"), "lib", "libcastore-blake3.so");
    }
}
