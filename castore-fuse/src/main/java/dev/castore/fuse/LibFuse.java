package dev.castore.fuse;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The few functions of libfuse3's high-level API that a mount needs, and the C library's
 * {@code getuid}/{@code getgid}, bound with the FFM API. The library is opened when first used;
 * when it is missing, {@link #load()} says which package provides it.
 */
final class LibFuse {

    /** The shared library of libfuse 3 (Debian: libfuse3-3). */
    static final String LIBRARY = "libfuse3.so.3";

    final MethodHandle fuseNew;
    final MethodHandle fuseMount;
    final MethodHandle fuseLoopMt;
    final MethodHandle fuseExit;
    final MethodHandle fuseUnmount;
    final MethodHandle fuseDestroy;
    /** {@code fuse_fill_dir_t}, called through the pointer readdir is given. */
    final MethodHandle filler;
    final MethodHandle getuid;
    final MethodHandle getgid;

    private static volatile LibFuse loaded;

    private LibFuse(SymbolLookup fuse) {
        Linker linker = Linker.nativeLinker();
        // fuse_new and fuse_loop_mt are versioned symbols: name the 3.1 and 3.2 ABIs these calls use.
        fuseNew = linker.downcallHandle(find(fuse, "fuse_new_31"), FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        fuseMount = linker.downcallHandle(find(fuse, "fuse_mount"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        fuseLoopMt = linker.downcallHandle(find(fuse, "fuse_loop_mt_31"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        fuseExit = linker.downcallHandle(find(fuse, "fuse_exit"), FunctionDescriptor.ofVoid(ADDRESS));
        fuseUnmount = linker.downcallHandle(find(fuse, "fuse_unmount"), FunctionDescriptor.ofVoid(ADDRESS));
        fuseDestroy = linker.downcallHandle(find(fuse, "fuse_destroy"), FunctionDescriptor.ofVoid(ADDRESS));
        filler = linker.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
        SymbolLookup libc = linker.defaultLookup();
        getuid = linker.downcallHandle(find(libc, "getuid"), FunctionDescriptor.of(JAVA_INT));
        getgid = linker.downcallHandle(find(libc, "getgid"), FunctionDescriptor.of(JAVA_INT));
    }

    /** The bindings, loading the library on first use. */
    static LibFuse load() throws IOException {
        LibFuse l = loaded;
        if (l == null) {
            synchronized (LibFuse.class) {
                if (loaded == null) {
                    try {
                        loaded = new LibFuse(SymbolLookup.libraryLookup(LIBRARY, Arena.global()));
                    } catch (IllegalArgumentException e) {
                        throw new IOException("cannot load " + LIBRARY + " (install libfuse3: apt-get install libfuse3-3): "
                                + e.getMessage(), e);
                    }
                }
                l = loaded;
            }
        }
        return l;
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalArgumentException("symbol " + name + " not found"));
    }

    int uid() {
        try {
            return (int) getuid.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    int gid() {
        try {
            return (int) getgid.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
