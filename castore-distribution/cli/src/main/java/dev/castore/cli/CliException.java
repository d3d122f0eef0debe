package dev.castore.cli;

/**
 * A failure to report to the shell user as one line (what went wrong, what to do) with an exit
 * code, without a stack trace.
 */
public final class CliException extends RuntimeException {

    /** The command failed while working (I/O, a store, missing data). */
    public static final int FAILED = 1;
    /** The command line or a config is wrong. */
    public static final int USAGE = 2;
    /** A digest or path asked for does not exist. */
    public static final int NOT_FOUND = 3;
    /**
     * Standard output was closed by its reader; the command stops without a message. The code a
     * shell reports for a command that SIGPIPE ended (128 + 13), as for {@code cat}.
     */
    public static final int OUTPUT_CLOSED = 141;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code. */
    public int exitCode() {
        return exitCode;
    }
}
