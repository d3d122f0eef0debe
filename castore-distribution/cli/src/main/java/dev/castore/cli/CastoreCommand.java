package dev.castore.cli;

import dev.castore.cli.command.AotTrainingCommand;
import dev.castore.cli.command.CatCommand;
import dev.castore.cli.command.ConfigCommand;
import dev.castore.cli.command.CopyCommand;
import dev.castore.cli.command.DaemonCommand;
import dev.castore.cli.command.ExportCommand;
import dev.castore.cli.command.ImportCommand;
import dev.castore.cli.command.LsCommand;
import dev.castore.cli.command.ManPageCommand;
import dev.castore.cli.command.MountCommand;
import dev.castore.cli.command.PluginsCommand;
import dev.castore.cli.command.RootsCommand;
import dev.castore.cli.command.ServeHttpCommand;
import dev.castore.cli.command.StatCommand;
import java.nio.file.Path;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code castore} command: options shared by all subcommands. */
@Command(name = "castore", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = VersionProvider.class,
        description = "A content-addressed store for file trees, compatible with tvix-castore and snix-castore.",
        footer = {"",
                "Environment:",
                "  CASTORE_STORE      the store of every command, as --store takes it: a URL or",
                "                     a config file (flags win over the environment)",
                "  CASTORE_BLOB_SERVICE, CASTORE_DIRECTORY_SERVICE",
                "                     one kind, as --blob-service/--directory-service take it",
                "  XDG_DATA_HOME      the embedded default store is $XDG_DATA_HOME/castore",
                "  CASTORE_PLUGINS    the plugins directory",
                "  CASTORE_BLAKE3     native (the C code, the default where it loads), vector",
                "                     (SIMD lanes of the JDK's Vector API) or portable; read by",
                "                     bin/castore, elsewhere -Dcastore.blake3",
                "  CASTORE_JAVA_OPTS  JVM options for bin/castore, e.g. -Xmx2g",
                "",
                CastoreCommand.NAMES_HELP,
                "",
                "Exit codes: 0 ok, 1 failed, 2 wrong usage or config, 3 not found."})
public final class CastoreCommand {

    /**
     * The subcommands, in the order help lists them. They are added by {@link Main}, which builds
     * the model of only the one a command line runs (building all of them is most of the
     * command's start-up), and of all for help, completion and the manual page.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(DaemonCommand.class, ImportCommand.class, ExportCommand.class,
            CatCommand.class, StatCommand.class, LsCommand.class, RootsCommand.class, CopyCommand.class, ConfigCommand.class,
            PluginsCommand.class, ServeHttpCommand.class, MountCommand.class,
            HelpCommand.class, AutoComplete.GenerateCompletion.class, ManPageCommand.class, AotTrainingCommand.class);

    /** The subcommands that act on the whole model: with them, every subcommand is built. */
    static final List<Class<?>> NEED_ALL = List.of(HelpCommand.class, AutoComplete.GenerateCompletion.class, ManPageCommand.class);

    /** How names are printed, for the help of every command that prints them. */
    public static final String NAMES_HELP = "Names and symlink targets are printed escaped, C-style: \\\\ for a"
            + " backslash, \\t \\n \\r, and \\xNN for every other byte of a control or bidirectional"
            + " formatting character and for bytes that are not UTF-8; a printed name is one line and maps back"
            + " to exactly one byte string.";

    /**
     * The subcommands to build for a command line: the one it names, or every one when it names
     * none (the main help), one unknown (picocli's error suggests the closest names) or one of
     * {@link #NEED_ALL}. The options before the subcommand are this command's: only --plugins
     * takes a value.
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--plugins")) {
                i++;
            } else if (!arg.startsWith("-")) {
                for (Class<?> sub : SUBCOMMANDS) {
                    if (sub.getAnnotation(Command.class).name().equals(arg)) {
                        return NEED_ALL.contains(sub) ? SUBCOMMANDS : List.of(sub);
                    }
                }
                return SUBCOMMANDS;
            }
        }
        return SUBCOMMANDS;
    }

    private final CliContext context;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log more and print stack traces of errors.")
    boolean verbose;

    @Option(names = "--plugins", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "The plugins directory (default: $CASTORE_PLUGINS, else the image's plugins/).")
    void plugins(Path dir) {
        context.pluginsDirectory(dir);
    }

    public CastoreCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }
}
