package dev.castore.cli.command;

import dev.castore.api.spi.ServiceKind;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.graph.GraphDrawing;
import dev.castore.composition.CompositionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code castore config check|graph FILE}. */
@Command(name = "config", description = "Check or draw a composition file without connecting to anything.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Graph.class})
public final class ConfigCommand {

    static CompositionConfig read(CliContext context, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliException(CliException.USAGE, "config file not found: " + file);
        }
        return CompositionConfig.read(context.registry(), file);
    }

    /** {@code castore config check FILE}. */
    @Command(name = "check", description = {"Parse a composition and validate its types, fields, references and"
            + " cycles, without connecting to anything."})
    public static final class Check implements Callable<Integer> {
        private final CliContext context;

        @Parameters(paramLabel = "FILE", description = "The composition file (.json, .toml, .yaml).")
        Path file;

        public Check(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            CompositionConfig config = read(context, file);
            List<String> problems = config.problems(context.registry());
            if (!problems.isEmpty()) {
                for (String p : problems) {
                    context.err().println(file + ": " + p);
                }
                throw new CliException(CliException.USAGE, file + ": " + problems.size() + " problem(s), see above");
            }
            context.out().println(file + ": ok (" + config.names(ServiceKind.BLOB).size() + " blob services, "
                    + config.names(ServiceKind.DIRECTORY).size() + " directory services)");
            return 0;
        }
    }

    /** The output formats of {@code config graph}. */
    public enum Format { DOT, MERMAID }

    /** {@code castore config graph FILE}. */
    @Command(name = "graph", description = "Print the instance graph of a composition as Graphviz DOT or Mermaid.")
    public static final class Graph implements Callable<Integer> {
        private final CliContext context;

        @Parameters(paramLabel = "FILE", description = "The composition file (.json, .toml, .yaml).")
        Path file;

        @Option(names = "--format", paramLabel = "dot|mermaid", description = "Output format (default: dot).")
        Format format = Format.DOT;

        public Graph(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            CompositionConfig config = read(context, file);
            context.out().print(format == Format.DOT ? GraphDrawing.dot(config) : GraphDrawing.mermaid(config));
            context.out().flush();
            return 0;
        }
    }
}
