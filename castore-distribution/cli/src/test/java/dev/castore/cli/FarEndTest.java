package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;

/**
 * How standard output tells a reader that went away from other write errors, whatever words the
 * C library's locale gives EPIPE: on a real pipe, made and closed through the C library.
 */
class FarEndTest {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle PIPE = LINKER.downcallHandle(LINKER.defaultLookup().find("pipe").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    @Test
    void aPipeWhoseReaderIsGoneIsToldFromOneStillRead() throws Throwable {
        int readEnd;
        int writeEnd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            assertEquals(0, (int) PIPE.invokeExact(fds));
            readEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            writeEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 1);
        }
        try {
            assertFalse(StandardOutput.FarEnd.gone(writeEnd), "the reader is still there");
            assertEquals(0, (int) CLOSE.invokeExact(readEnd));
            assertTrue(StandardOutput.FarEnd.gone(writeEnd), "the reader went away");
        } finally {
            int ignored = (int) CLOSE.invokeExact(writeEnd);
        }
        assertFalse(StandardOutput.FarEnd.gone(writeEnd), "a closed descriptor is not taken for a gone reader");
    }
}
