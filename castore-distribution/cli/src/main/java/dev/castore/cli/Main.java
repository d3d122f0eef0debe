package dev.castore.cli;

import dev.castore.api.digest.Blake3;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Entry point of the {@code castore} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Nothing else is needed for it: no BLAKE3 implementation, no command model.
            System.out.println(new VersionProvider().getVersion()[0]);
            System.exit(0);
        }
        StandardError.reclaim();
        try {
            Blake3.implementationName();
        } catch (ExceptionInInitializerError e) {
            // The implementation named by -Dcastore.blake3 (CASTORE_BLAKE3) is missing or cannot run.
            System.err.println("castore: " + e.getCause().getMessage());
            System.exit(CliException.USAGE);
        }
        OutputStream rawOut = new FileOutputStream(FileDescriptor.out);
        // Text goes through a stream that remembers a failed write: a listing cut short by a full
        // disk must not end with exit code 0 (raw bytes, cat's, fail at the write themselves).
        StandardOutput.Watched text = new StandardOutput.Watched(rawOut);
        CliContext context = new CliContext(System.getenv(), writer(new PrintStream(text, true, StandardCharsets.UTF_8)),
                writer(System.err), rawOut);
        int code = run(args, context);
        System.exit(text.exitCode(code, context.command(), System.err));
    }

    /** Runs one command line; returns the exit code. Output goes to the given streams. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, OutputStream rawOut) {
        return run(args, new CliContext(env, writer(out), writer(err), rawOut));
    }

    /** Runs one command line in the given context (environment, streams, plugins); returns the exit code. */
    public static int run(String[] args, CliContext context) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        // The default store's plugin starts loading as early as its loggers may be made; java.util.logging,
        // which only plugins' client libraries use, is set up beside it.
        Logging.configureSimpleLogger(verbose);
        DefaultStorePreload.startFor(args, context);
        Logging.configureJul(verbose);
        try {
            CommandLine cl = commandLine(context, verbose, CastoreCommand.subcommandsFor(args));
            cl.setOut(context.out());
            cl.setErr(context.err());
            try {
                return cl.execute(args);
            } finally {
                ParseResult ran = cl.getParseResult();
                while (ran != null && ran.hasSubcommand()) {
                    ran = ran.subcommand();
                }
                if (ran != null) {
                    context.ran(ran.commandSpec().qualifiedName());
                }
            }
        } finally {
            context.closeUnclaimed();
            context.out().flush();
            context.err().flush();
        }
    }

    /** A writer of UTF-8 text to the stream, flushed at each line. */
    public static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(stream, true, StandardCharsets.UTF_8);
    }

    /** The command line with its factory and error handlers. */
    static CommandLine commandLine(CliContext context, boolean verbose, List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new CastoreCommand(context), new CommandFactory(context));
        subcommands.forEach(cl::addSubcommand);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Errors.Report r = Errors.describe(e);
            if (r.exitCode() == CliException.OUTPUT_CLOSED) {
                return r.exitCode(); // nobody reads on: nothing to say (StandardOutput)
            }
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + Errors.oneLine(r.message())
                    + (verbose || !r.internal() ? "" : " (run with --verbose for details)"));
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return r.exitCode();
        });
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + Errors.oneLine(e.getMessage())
                    + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            cmd.getErr().flush();
            return CliException.USAGE;
        });
        return cl;
    }

    /** Creates commands with the shared context when they take it. */
    private record CommandFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

}
