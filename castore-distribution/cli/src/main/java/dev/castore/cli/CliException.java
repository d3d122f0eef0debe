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
