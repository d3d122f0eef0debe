package dev.castore.cli;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
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

    /**
     * Whether a write failed with {@code e} because the reader went away: the JDK's message for
     * EPIPE, which is the C library's {@code strerror} and so in the words of the user's locale
     * ("Broken pipe" in English), or else the far end of standard output reported gone by
     * {@code poll(2)} (an error on a pipe without readers, a hang-up on a closed socket or
     * terminal), whatever the words.
     */
    private static boolean readerWentAway(IOException e) {
        return "Broken pipe".equals(e.getMessage()) || FarEnd.gone(STDOUT);
    }

    private static final int STDOUT = 1;

    /** {@code poll(2)} on one descriptor through the FFM API, linked only once a write has failed. */
    static final class FarEnd {
        private static final short POLLOUT = 0x4;
        private static final short POLLERR = 0x8;
        private static final short POLLHUP = 0x10;
        private static final MethodHandle POLL = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("poll").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));

        private FarEnd() {}

        /** Whether {@code fd}'s far end is gone: {@code poll} reports an error or a hang-up on it at once. */
        static boolean gone(int fd) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment pollfd = arena.allocate(8, 4); // struct pollfd { int fd; short events; short revents; }
                pollfd.set(ValueLayout.JAVA_INT, 0, fd);
                pollfd.set(ValueLayout.JAVA_SHORT, 4, POLLOUT);
                int ready = (int) POLL.invokeExact(pollfd, 1L, 0);
                return ready == 1 && (pollfd.get(ValueLayout.JAVA_SHORT, 6) & (POLLERR | POLLHUP)) != 0;
            } catch (Throwable t) {
                return false; // cannot tell: the error is said as it is
            }
        }
    }

    /** A stream that hands each failed write or flush to {@link #failed}, and throws what that returns. */
    private abstract static class Checked extends FilterOutputStream {

        Checked(OutputStream out) {
            super(out);
        }

        abstract IOException failed(IOException e);

        /** Whether writes are dropped, without a call to the stream below. */
        boolean dropping() {
            return false;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (dropping()) {
                return;
            }
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            if (dropping()) {
                return;
            }
            try {
                out.write(b);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void flush() throws IOException {
            if (dropping()) {
                return;
            }
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
     * {@link #exitCode} to report once the command is done, and drops every write after it. The
     * output ends where the first write failed: a listing into a pipe whose reader went away
     * makes no more failing calls (each one an exception), and one on a full disk gets no lines
     * after a gap should space come free meanwhile.
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

        @Override
        boolean dropping() {
            return failure != null;
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
