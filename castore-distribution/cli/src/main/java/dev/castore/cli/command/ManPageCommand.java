package dev.castore.cli.command;

import dev.castore.cli.CliContext;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code castore generate-man-page}: the manual page castore(1) in roff, made from the same model
 * as {@code --help} (so the two never disagree): the main help, then each command's, verbatim.
 */
@Command(name = "generate-man-page", hidden = true, description = "Print the manual page castore(1), in roff.")
public final class ManPageCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    public ManPageCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        PrintWriter out = context.out();
        String version = root.getCommandSpec().version().length > 0 ? root.getCommandSpec().version()[0] : "";
        out.println(".TH CASTORE 1 \"\" \"" + roff(version) + "\" \"castore manual\"");
        out.println(".SH NAME");
        out.println("castore \\- " + roff(String.join(" ", root.getCommandSpec().usageMessage().description())));
        out.println(".SH SYNOPSIS");
        out.println(".B castore");
        out.println("[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]");
        section(out, "DESCRIPTION", plain(root));
        for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
            CommandLine cmd = sub.getValue();
            if (cmd.getCommandSpec().usageMessage().hidden() || sub.getKey().equals("help")) {
                continue;
            }
            section(out, "castore " + sub.getKey().toUpperCase(Locale.ROOT), plain(cmd));
            for (Map.Entry<String, CommandLine> nested : cmd.getSubcommands().entrySet()) {
                section(out, "castore " + sub.getKey().toUpperCase(Locale.ROOT) + " " + nested.getKey().toUpperCase(Locale.ROOT),
                        plain(nested.getValue()));
            }
        }
        out.flush();
        return 0;
    }

    private static String plain(CommandLine cmd) {
        return cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static void section(PrintWriter out, String title, String text) {
        out.println(".SH " + roff(title));
        out.println(".nf");
        for (String line : text.split("\n", -1)) {
            String escaped = roff(line);
            out.println(escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped);
        }
        out.println(".fi");
    }

    /** Text safe inside roff: backslashes doubled, hyphens as minus signs (so they can be searched and copied). */
    private static String roff(String text) {
        return text.replace("\\", "\\e").replace("-", "\\-");
    }
}
