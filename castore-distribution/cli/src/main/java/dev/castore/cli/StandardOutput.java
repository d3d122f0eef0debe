package dev.castore.cli;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

/**
 * Standard output, whose write errors end a command as they end {@code cat}: when the reader went
 * away ({@code castore cat BLOB | head -c 100}), quietly with exit code
 * {@link CliException#OUTPUT_CLOSED}; any other (a full disk), with the error and exit code 1,
 * never with a listing cut short and exit code 0.
 */
public final class StandardOutput implements WritableByteChannel {

    private final WritableByteChannel out;

    private StandardOutput(WritableByteChannel out) {
        this.out = out;
    }

    /**
     * {@code out} as a channel for a command's raw bytes: a {@link FileOutputStream}'s own, which
     * writes the buffers it is given as they are (one copy into the JDK's buffer for the write,
     * where the stream took two).
     */
    public static WritableByteChannel of(OutputStream out) {
        return new StandardOutput(out instanceof FileOutputStream file ? file.getChannel() : Channels.newChannel(out));
    }

    /** {@code out} as a stream for a command's raw bytes, which ends the command quietly when its reader went away. */
    public static OutputStream stream(OutputStream out) {
        return new Checked(out) {
            @Override
            IOException failed(IOException e) {
                return closedOr(e);
            }
        };
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        try {
            return out.write(src);
        } catch (IOException e) {
            throw closedOr(e);
        }
    }

    @Override
    public boolean isOpen() {
        return out.isOpen();
    }

    /** Leaves standard output open: the process still prints through it. */
    @Override
    public void close() {}

    private static IOException closedOr(IOException e) {
        if (readerWentAway(e)) {
            throw new CliException(CliException.OUTPUT_CLOSED, "", e);
        }
        return new IOException(cannotWrite(e), e);
    }

    private static String cannotWrite(IOException e) {
        return "cannot write to standard output: " + e.getMessage();
    }

    private static boolean readerWentAway(IOException e) {
        return "Broken pipe".equals(e.getMessage());
    }

    /** A stream that hands each failed write or flush to {@link #failed}, and throws what that returns. */
    private abstract static class Checked extends FilterOutputStream {

        Checked(OutputStream out) {
            super(out);
        }

        abstract IOException failed(IOException e);

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw failed(e);
            }
        }
    }

    /**
     * The stream under the text a command prints ({@link java.io.PrintStream} and
     * {@link java.io.PrintWriter} swallow write errors): remembers the first, for
     * {@link #exitCode} to report once the command is done.
     */
    public static final class Watched extends Checked {

        private volatile IOException failure;

        public Watched(OutputStream out) {
            super(out);
        }

        @Override
        IOException failed(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }

        /**
         * The exit code of a command that returned {@code code}, given what writing its text did:
         * unchanged when every write went through; {@link CliException#OUTPUT_CLOSED} (silent) when
         * the reader went away; else the error, said on {@code err}, and 1 for a command that had
         * not failed already, after the name of the {@code command} that ran.
         */
        public int exitCode(int code, String command, PrintStream err) {
            IOException f = failure;
            if (f == null) {
                return code;
            }
            if (readerWentAway(f)) {
                return code == 0 ? CliException.OUTPUT_CLOSED : code;
            }
            err.println(command + ": " + cannotWrite(f));
            err.flush();
            return code == 0 ? CliException.FAILED : code;
        }
    }
}
