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
 * The library's functions (src/main/c/castore_blake3.c), bound once. They are critical
 * downcalls: the JVM calls them without a thread state change and passes heap arrays as they
 * are, so callers keep each call short (at most {@link #MAX_CALL} bytes) since a safepoint waits
 * for it.
 */
final class NativeBlake3 {

    /** The system property that names the library file, instead of the image's {@code lib/libcastore-blake3.so}. */
    static final String LIBRARY_PROPERTY = "castore.blake3.library";

    /** Bytes hashed in one call at most: about a third of a millisecond. */
    static final int MAX_CALL = 1 << 20;

    final long stateSize;
    private final MethodHandle init;
    private final MethodHandle update;
    private final MethodHandle finalizeDigest;
    private final MethodHandle hash;
    private final MethodHandle chainingValue;
    private final MethodHandle parentCv;

    private NativeBlake3(SymbolLookup lookup) throws Throwable {
        Linker linker = Linker.nativeLinker();
        Linker.Option critical = Linker.Option.critical(true);
        MethodHandle size = linker.downcallHandle(find(lookup, "castore_blake3_state_size"),
                FunctionDescriptor.of(JAVA_LONG));
        stateSize = (long) size.invokeExact();
        init = linker.downcallHandle(find(lookup, "castore_blake3_init"), FunctionDescriptor.ofVoid(ADDRESS), critical);
        update = linker.downcallHandle(find(lookup, "castore_blake3_update"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG), critical);
        finalizeDigest = linker.downcallHandle(find(lookup, "castore_blake3_finalize"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS), critical);
        hash = linker.downcallHandle(find(lookup, "castore_blake3_hash"),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS), critical);
        chainingValue = linker.downcallHandle(find(lookup, "castore_blake3_chaining_value"),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS), critical);
        parentCv = linker.downcallHandle(find(lookup, "castore_blake3_parent_cv"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS), critical);
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("the library has no function " + name));
    }

    void init(MemorySegment state) {
        try {
            init.invokeExact(state);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void update(MemorySegment state, MemorySegment input, long length) {
        try {
            update.invokeExact(state, input, length);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void finalizeDigest(MemorySegment state, MemorySegment out) {
        try {
            finalizeDigest.invokeExact(state, out);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void hash(MemorySegment input, long length, MemorySegment out) {
        try {
            hash.invokeExact(input, length, out);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void chainingValue(MemorySegment input, long length, long firstChunk, MemorySegment out) {
        try {
            chainingValue.invokeExact(input, length, firstChunk, out);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void parentCv(MemorySegment children, MemorySegment out) {
        try {
            parentCv.invokeExact(children, out);
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

    /** The functions, or why they cannot be had: loaded once, on first need. */
    static final class Holder {
        static final NativeBlake3 FUNCTIONS;
        static final String REASON;

        static {
            NativeBlake3 functions = null;
            String reason = null;
            Path path = libraryPath();
            if (!Files.isRegularFile(path)) {
                reason = "its library " + path + " is missing (built with gcc from Debian's librust-blake3-dev"
                        + " sources when the image is built)";
            } else {
                try {
                    functions = new NativeBlake3(SymbolLookup.libraryLookup(path, Arena.global()));
                } catch (Throwable e) {
                    reason = "its library " + path + " cannot be loaded: " + e.getMessage();
                }
            }
            FUNCTIONS = functions;
            REASON = reason;
        }
    }
}
