package dev.castore.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Takes the process's real stderr back from the launcher. When the launcher starts the JVM with
 * the SIMD BLAKE3 module, it lends the JVM a filtered stderr (the JVM announces the incubating
 * Vector API there while it starts) and passes the real one as another descriptor, named by the
 * system property {@value #PROPERTY}. {@link System#err} is then reopened on that descriptor, so
 * what the command prints (messages, progress lines that redraw themselves) reaches the terminal
 * directly; the JVM's own rare messages keep going through the launcher's filter, line by line.
 * Opening the descriptor through {@code /proc/self/fd} costs a file open; moving it onto 2 would
 * need native calls that cost tens of milliseconds to set up, on every command.
 */
final class StandardError {

    /** The system property that names the descriptor of the real stderr. */
    static final String PROPERTY = "castore.stderr.fd";

    private StandardError() {}

    /** Points {@link System#err} at the descriptor named by {@value #PROPERTY}, if any and if it can. */
    static void reclaim() {
        String value = System.getProperty(PROPERTY);
        if (value == null || !value.matches("[0-9]{1,4}") || Integer.parseInt(value) <= 2) {
            return;
        }
        try {
            // Appending: a file the shell opened for stderr is written at its end, as fd 2 would be.
            FileOutputStream real = new FileOutputStream("/proc/self/fd/" + value, true);
            System.err.flush();
            System.setErr(new PrintStream(real, true, System.err.charset()));
        } catch (IOException | SecurityException e) {
            // A socket (a service manager's journal) cannot be reopened: stderr keeps going
            // through the launcher's filter, which passes every line on.
        }
    }
}
