package dev.castore.cli;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * Takes the process's real stderr back from the launcher. When the launcher starts the JVM with
 * the SIMD BLAKE3 module, it lends the JVM a filtered stderr (the JVM announces the incubating
 * Vector API there while it starts) and passes the real one as another descriptor, named by the
 * system property {@value #PROPERTY}. Moving that descriptor onto 2 gives every later write, the
 * JVM's own included, the real stderr, so it is a terminal again when it was one.
 */
final class StandardError {

    /** The system property that names the descriptor of the real stderr. */
    static final String PROPERTY = "castore.stderr.fd";

    private StandardError() {}

    /** Moves the descriptor named by {@value #PROPERTY}, if any, onto 2; quietly does nothing when it cannot. */
    static void reclaim() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return;
        }
        int fd;
        try {
            fd = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return;
        }
        if (fd <= 2) {
            return;
        }
        try {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            MethodHandle dup2 = linker.downcallHandle(libc.find("dup2").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
            MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT));
            System.err.flush();
            if ((int) dup2.invokeExact(fd, 2) == 2) {
                int closed = (int) close.invokeExact(fd);
            }
        } catch (Throwable e) {
            // Without native access, stderr keeps going through the launcher's filter: still correct.
        }
    }
}
