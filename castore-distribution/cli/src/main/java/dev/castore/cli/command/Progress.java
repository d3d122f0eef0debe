package dev.castore.cli.command;

import dev.castore.cli.CliContext;
import dev.castore.cli.Quantity;
import dev.castore.cli.ingest.ImportProgress;
import java.io.Console;
import java.util.Locale;

/** The progress of export and copy: the same status line as import, on stderr. */
final class Progress {

    private Progress() {}

    static ImportProgress start(CliContext context, boolean off) {
        if (off) {
            return ImportProgress.silent();
        }
        Console console = System.console();
        return ImportProgress.to(context.err(), console != null && console.isTerminal());
    }

    /** Ends the status line and prints the summary: "exported 1 file, 6 B in 0.1 s". */
    static void finish(CliContext context, ImportProgress progress, boolean off, String verb) {
        progress.close();
        if (!off) {
            context.err().println(String.format(Locale.ROOT, "%s %s, %s in %.1f s", verb, Quantity.of(progress.files(), "file"),
                    ImportProgress.human(progress.bytes()), progress.seconds()));
            context.err().flush();
        }
    }
}
