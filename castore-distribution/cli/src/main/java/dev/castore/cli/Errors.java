package dev.castore.cli;

import dev.castore.api.CorruptDataException;
import dev.castore.api.InvalidRequestException;
import dev.castore.api.model.EscapedText;
import dev.castore.api.model.InvalidDirectoryException;
import dev.castore.api.spi.CompositionException;
import dev.castore.composition.BuildFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into the one line a shell user reads, and an exit code. */
public final class Errors {

    /** What to print and how to exit; {@code internal} when a stack trace might help. */
    record Report(int exitCode, String message, boolean internal) {}

    private Errors() {}

    static Report describe(Throwable e) {
        Throwable t = unwrap(e);
        return switch (t) {
            case CliException c -> new Report(c.exitCode(), c.getMessage(), false);
            case BuildFailedException i when i.getCause() instanceof NoSuchFileException ->
                    new Report(CliException.NOT_FOUND, i.getMessage(), false); // a store that is not there
            case BuildFailedException i -> new Report(CliException.FAILED, i.getMessage(), false);
            case CompositionException c -> new Report(CliException.USAGE, c.getMessage(), false);
            case NoSuchFileException n -> new Report(CliException.NOT_FOUND, "no such file or directory: " + n.getFile(), false);
            case AccessDeniedException a -> new Report(CliException.FAILED, "permission denied: " + a.getFile(), false);
            case FileAlreadyExistsException f -> new Report(CliException.FAILED,
                    f.getFile() + " already exists (use --force to replace it)", false);
            case FileSystemException f -> new Report(CliException.FAILED, f.getMessage(), false);
            case CorruptDataException c -> new Report(CliException.FAILED, "corrupt data: " + c.getMessage(), false);
            case InvalidRequestException r -> new Report(CliException.FAILED, r.getMessage(), false);
            case InvalidDirectoryException d -> new Report(CliException.FAILED, d.getMessage(), false);
            case IOException io -> new Report(CliException.FAILED, message(io), false);
            case IllegalArgumentException a -> new Report(CliException.USAGE, message(a), false);
            default -> new Report(CliException.FAILED, "internal error: " + t, true);
        };
    }

    /** What went wrong, in the words a failure with {@code e} would be said in (a warning's reason). */
    public static String inWords(Throwable e) {
        return oneLine(describe(e).message());
    }

    /**
     * {@code message} as one line that cannot drive the terminal: names and targets in castore's
     * own messages are escaped where they are put in ({@link EscapedText}); a message that still
     * holds a control character (from a library, a remote server, a file name the JDK decoded) is
     * escaped as a whole, under the same rules.
     */
    static String oneLine(String message) {
        return EscapedText.hasControls(message) ? EscapedText.of(message) : message;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof UncheckedIOException || t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
