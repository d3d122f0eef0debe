package dev.castore.cli.command;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.EscapedText;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.SymlinkNode;
import dev.castore.api.telemetry.CallSpan;
import dev.castore.cli.CastoreCommand;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.DataHome;
import dev.castore.cli.Errors;
import dev.castore.cli.Quantity;
import dev.castore.cli.RawNames;
import dev.castore.cli.StoreSelection;
import dev.castore.cli.ingest.ArchiveImport;
import dev.castore.cli.ingest.FilesCache;
import dev.castore.cli.ingest.ImportChoices;
import dev.castore.cli.ingest.ImportJobs;
import dev.castore.cli.ingest.ImportProgress;
import dev.castore.cli.ingest.TreeImporter;
import dev.castore.cli.json.JsonOutput;
import dev.castore.cli.roots.HostName;
import dev.castore.cli.roots.NamedRoot;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code castore import PATH...}. */
@Command(name = "import", description = {"Import files, symlinks and directory trees (executable bits kept) and print"
        + " each root node: kind, digest (hex, tvix b3:, snix blake3-) and size.",
        "With --archive, import the tree a tar archive (plain, gzip, zstd, xz or bzip2) extracts to, read as a stream;"
                + " --exclude matches entry paths below the archive's top, --skip-special skips device and FIFO entries.",
        "", CastoreCommand.NAMES_HELP})
public final class ImportCommand extends StoreCommand {

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files, symlinks or directories to import.")
    List<Path> paths = List.of();

    @Option(names = "--archive", paramLabel = "FILE|-", description = {"A tar archive to import instead of PATHs"
            + " ('-': standard input); the root is the directory it extracts into."})
    String archive;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = {"Files hashed and uploaded in parallel (default:"
            + " one per core, at least 2; into a store across a network, a gRPC server or S3, up to 16 files at once,"
            + " of which one per core over 1 MiB; an --archive's files of up to 1 MiB: into a local store one after the"
            + " other, across a network 16 at once)."})
    Integer jobs;

    @Option(names = "--no-progress", description = "Print no progress.")
    boolean noProgress;

    @Option(names = "--exclude", paramLabel = "PATTERN", description = {"Leave out entries matching this glob (repeatable):"
            + " Java's glob syntax (* ? [a-z] {a,b} within a name, ** across directories); a pattern without / is"
            + " matched against each entry's name, one with / against its path below the imported directory; an"
            + " excluded directory is left out whole."})
    List<String> excludes = new ArrayList<>();

    @Option(names = "--skip-special", description = "Leave out sockets, pipes and devices with a warning on stderr"
            + " instead of failing the import.")
    boolean skipSpecial;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = {"Record NAME -> the root's digest (with the"
            + " time, source path and host) in the store's named roots, where any command takes NAME for the digest"
            + " (castore roots lists them); naming again moves the name, keeping the history."})
    String name;

    @Option(names = {"-q", "--quiet"}, description = {"Print only each root's digest (hex), one line per PATH (an empty"
            + " line for a symlink, which has none); no progress, no summary."})
    boolean quiet;

    @Option(names = "--json", description = {"Print one JSON document: roots (per PATH: path, type, digest, tvix, snix;"
            + " size in bytes for a file, tree_entries (in the whole tree) for a directory, target for a symlink), files,"
            + " bytes, seconds."})
    boolean json;

    @Option(names = "--no-files-cache", description = {"Read every file, even those unchanged (same size, mtime, ctime,"
            + " inode) since an import into the same store; the files cache is kept under $XDG_CACHE_HOME/castore."})
    boolean noFilesCache;

    public ImportCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        StoreSelection selection = stores.selection(context.env());
        if (quiet && json) {
            throw new CliException(CliException.USAGE, "give -q or --json, not both");
        }
        if (jobs != null && jobs < 1) {
            throw new CliException(CliException.USAGE, "--jobs must be at least 1, not " + jobs);
        }
        if (name != null) {
            try {
                NamedRoot.checkName(name);
            } catch (IllegalArgumentException e) {
                throw new CliException(CliException.USAGE, e.getMessage());
            }
        }
        ImportChoices choices = new ImportChoices(excludes, skipSpecial, w -> {
            context.err().println("castore import: " + w);
            context.err().flush();
        });
        return archive != null || paths.isEmpty() ? importArchive(selection, choices) : importTrees(selection, choices);
    }

    private int importTrees(StoreSelection selection, ImportChoices choices) throws Exception {
        if (name != null && paths.size() != 1) {
            throw new CliException(CliException.USAGE, "--name names the root of one PATH; " + paths.size() + " were given");
        }
        try (StoreSelection.OpenStores open = selection.open(context); ImportProgress progress = progress()) {
            FilesCache files = noFilesCache ? FilesCache.none() : FilesCache.open(filesCache(open.blobStore()));
            List<Node> nodes = traced(open, () -> {
                List<Node> imported = new ArrayList<>();
                try (TreeImporter importer = new TreeImporter(open.blobs(), open.directories(),
                        jobs != null ? ImportJobs.of(jobs) : ImportJobs.defaults(open.blobs()), progress, files, choices,
                        open.telemetry())) {
                    for (Path path : paths) {
                        imported.add(importer.importPath(path));
                    }
                }
                return imported;
            });
            // Only an import that stored everything may vouch for the files it read. The cache only
            // saves time: where it cannot be kept (a service user's HOME that is not there), the
            // import has still succeeded.
            try {
                files.save();
            } catch (IOException e) {
                context.err().println("castore import: the files cache cannot be kept (" + Errors.inWords(e) + "); the"
                        + " next import reads every file again (set XDG_CACHE_HOME, or --no-files-cache does without it)");
                context.err().flush();
            }
            progress.close();
            if (name != null) {
                if (nodes.getFirst() instanceof SymlinkNode) {
                    throw new CliException(CliException.USAGE, "--name: a symlink has no digest to name");
                }
                recordName(selection, digestOf(nodes.getFirst()), EscapedText.of(RawNames.bytes(paths.getFirst().toAbsolutePath())));
            }
            printRoots(paths.stream().map(p -> EscapedText.of(RawNames.bytes(p))).toList(), nodes, progress);
        }
        return 0;
    }

    private int importArchive(StoreSelection selection, ImportChoices choices) throws Exception {
        if (archive == null) {
            throw new CliException(CliException.USAGE, "nothing to import: give PATHs or --archive FILE|-");
        }
        if (!paths.isEmpty()) {
            throw new CliException(CliException.USAGE, "give either PATHs or --archive, not both");
        }
        try (StoreSelection.OpenStores open = selection.open(context); ImportProgress progress = progress()) {
            Node root = traced(open, () -> ArchiveImport.run(context, archive, open.blobs(), open.directories(), choices,
                    progress, jobs));
            progress.close();
            if (name != null) {
                String source = archive.equals("-") ? "-" : EscapedText.of(RawNames.bytes(Path.of(archive).toAbsolutePath()));
                recordName(selection, digestOf(root), source);
            }
            printRoots(List.of(EscapedText.of(archive)), List.of(root), progress);
        }
        return 0;
    }

    /**
     * Runs {@code work} in one span for the whole command, the parent of every store call it makes
     * (when traces are exported), so that an import is one trace.
     */
    private static <T> T traced(StoreSelection.OpenStores open, Callable<T> work) throws Exception {
        CallSpan span = open.telemetry().operation("castore import");
        String status = "ERROR";
        try (CallSpan.Scope ignored = span.enter()) {
            T result = work.call();
            status = "OK";
            return result;
        } finally {
            span.end(status);
        }
    }

    private ImportProgress progress() {
        if (noProgress || quiet) {
            return ImportProgress.silent();
        }
        Console console = System.console();
        return ImportProgress.to(context.err(), console != null && console.isTerminal());
    }

    private void recordName(StoreSelection selection, B3Digest digest, String source) throws IOException {
        selection.roots(context).record(new NamedRoot(name, digest, Instant.now(), source, HostName.get()));
    }

    /** The roots as -q, --json or the default asks; the summary on stderr unless silenced. */
    private void printRoots(List<String> labels, List<Node> nodes, ImportProgress progress) throws IOException {
        if (json) {
            printJson(labels, nodes, progress);
        } else if (quiet) {
            for (Node node : nodes) {
                context.out().println(node instanceof SymlinkNode ? "" : digestOf(node).toHex());
            }
        } else {
            for (int i = 0; i < labels.size(); i++) {
                NodeText.print(context.out(), labels.get(i), nodes.get(i));
            }
        }
        context.out().flush();
        if (!noProgress && !quiet) {
            double s = Math.max(progress.seconds(), 1e-3);
            context.err().println(String.format(Locale.ROOT, "imported %s, %s in %.1f s (%.0f files/s, %.1f MB/s)",
                    Quantity.of(progress.files(), "file"), ImportProgress.human(progress.bytes()), s,
                    progress.files() / s, progress.bytes() / s / 1e6));
            context.err().flush();
        }
    }

    private void printJson(List<String> labels, List<Node> nodes, ImportProgress progress) throws IOException {
        JsonGenerator g = JsonOutput.lines(context.out());
        g.writeStartObject();
        g.writeArrayFieldStart("roots");
        for (int i = 0; i < labels.size(); i++) {
            g.writeStartObject();
            g.writeStringField("path", labels.get(i));
            JsonOutput.nodeFields(g, nodes.get(i));
            if (nodes.get(i) instanceof DirectoryNode || nodes.get(i) instanceof FileNode) {
                g.writeStringField("tvix", digestOf(nodes.get(i)).toTvixString());
                g.writeStringField("snix", digestOf(nodes.get(i)).toSnixString());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("files", progress.files());
        g.writeNumberField("bytes", progress.bytes());
        g.writeNumberField("seconds", Math.round(progress.seconds() * 1000) / 1000.0);
        g.writeEndObject();
        JsonOutput.end(g);
    }

    private static B3Digest digestOf(Node node) {
        return switch (node) {
            case DirectoryNode d -> d.digest();
            case FileNode f -> f.digest();
            case SymlinkNode s -> throw new IllegalArgumentException("a symlink has no digest");
        };
    }

    /** The files cache of one blob store: a file named by the SHA-256 of how the store was given. */
    private Path filesCache(String blobStore) {
        try {
            byte[] id = MessageDigest.getInstance("SHA-256").digest(blobStore.getBytes(StandardCharsets.UTF_8));
            return DataHome.cacheDirectory(context.env()).resolve("files").resolve(HexFormat.of().formatHex(id, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
