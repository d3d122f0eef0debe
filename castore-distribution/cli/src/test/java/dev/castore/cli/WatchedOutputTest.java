package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stream under a command's text: its first failed write ends the output and the command's success. */
class WatchedOutputTest {

    /** A disk that is full for the writes from {@code fullFrom} to {@code fullUntil} (call numbers), then has room again. */
    private static final class FlakyDisk extends OutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final int fullFrom;
        final int fullUntil;
        int calls;

        FlakyDisk(int fullFrom, int fullUntil) {
            this.fullFrom = fullFrom;
            this.fullUntil = fullUntil;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            calls++;
            if (calls >= fullFrom && calls < fullUntil) {
                throw new IOException("No space left on device");
            }
            written.write(b, off, len);
        }
    }

    @Test
    void theOutputEndsAtTheFirstFailedWriteAndTheCommandFails() {
        FlakyDisk disk = new FlakyDisk(3, 4);
        StandardOutput.Watched watched = new StandardOutput.Watched(disk);
        PrintStream text = new PrintStream(watched, true, StandardCharsets.UTF_8);
        for (int i = 1; i <= 1000; i++) {
            text.println("line " + i);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = watched.exitCode(0, "castore ls", new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(CliException.FAILED, code);
        assertEquals("line 1\nline 2\n", disk.written.toString(StandardCharsets.UTF_8), "no line after the gap");
        assertEquals(3, disk.calls, "no write tried after the failed one");
        assertEquals("castore ls: cannot write to standard output: No space left on device\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandThatFailedKeepsItsExitCodeAndOneThatWroteEverythingItsOwn() {
        StandardOutput.Watched failing = new StandardOutput.Watched(new FlakyDisk(1, Integer.MAX_VALUE));
        new PrintStream(failing, true, StandardCharsets.UTF_8).println("x");
        assertEquals(CliException.NOT_FOUND, failing.exitCode(CliException.NOT_FOUND, "castore cat",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));

        StandardOutput.Watched fine = new StandardOutput.Watched(new FlakyDisk(Integer.MAX_VALUE, Integer.MAX_VALUE));
        new PrintStream(fine, true, StandardCharsets.UTF_8).println("x");
        assertEquals(0, fine.exitCode(0, "castore ls", System.err));
    }
}
