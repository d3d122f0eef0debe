package dev.castore.cli.command;

import dev.castore.api.model.EscapedText;
import dev.castore.api.model.Node;
import dev.castore.cli.CastoreCommand;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.DataHome;
import dev.castore.cli.RawNames;
import dev.castore.cli.StoreSelection;
import dev.castore.cli.ingest.ArchiveImport;
import dev.castore.cli.ingest.FilesCache;
import dev.castore.cli.ingest.ImportProgress;
import dev.castore.cli.ingest.TreeImporter;
import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code castore import PATH...}. */
@Command(name = "import", description = {"Import files, symlinks and directory trees (executable bits kept) and print"
        + " each root node: kind, digest (hex, tvix b3:, snix blake3-) and size.",
        "With --archive, import the tree a tar archive (plain, gzip, zstd, xz or bzip2) extracts to, read as a stream.",
        "", CastoreCommand.NAMES_HELP})
public final class ImportCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    StoreOptions stores;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files, symlinks or directories to import.")
    List<Path> paths = List.of();

    @Option(names = "--archive", paramLabel = "FILE|-", description = {"A tar archive to import instead of PATHs"
            + " ('-': standard input); the root is the directory it extracts into."})
    String archive;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Files hashed and uploaded in parallel (default: ${DEFAULT-VALUE}).")
    int jobs = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Option(names = "--no-progress", description = "Print no progress.")
    boolean noProgress;

    @Option(names = "--no-files-cache", description = {"Read every file, even those unchanged (same size, mtime, ctime,"
            + " inode) since an import into the same store; the files cache is kept under $XDG_CACHE_HOME/castore."})
    boolean noFilesCache;

    public ImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (archive != null || paths.isEmpty()) {
            return importArchive();
        }
        StoreSelection selection = stores.selection();
        Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        try (StoreSelection.OpenStores open = selection.open(context);
                ImportProgress progress = noProgress ? ImportProgress.silent() : ImportProgress.to(context.err(), terminal)) {
            FilesCache files = noFilesCache ? FilesCache.none() : FilesCache.open(filesCache(open.blobStore()));
            List<Node> nodes = new ArrayList<>();
            try (TreeImporter importer = new TreeImporter(open.blobs(), open.directories(), jobs, progress, files)) {
                for (Path path : paths) {
                    nodes.add(importer.importPath(path));
                }
            }
            // Only an import that stored everything may vouch for the files it read.
            files.save();
            progress.close();
            for (int i = 0; i < paths.size(); i++) {
                NodeText.print(context.out(), EscapedText.of(RawNames.bytes(paths.get(i))), nodes.get(i));
            }
            context.out().flush();
            if (!noProgress) {
                double s = Math.max(progress.seconds(), 1e-3);
                context.err().println(String.format(Locale.ROOT, "imported %d files, %s in %.1f s (%.0f files/s, %.1f MB/s)",
                        progress.files(), ImportProgress.human(progress.bytes()), s, progress.files() / s,
                        progress.bytes() / s / 1e6));
            }
        }
        return 0;
    }

    private int importArchive() throws Exception {
        if (archive == null) {
            throw new CliException(CliException.USAGE, "nothing to import: give PATHs or --archive FILE|-");
        }
        if (!paths.isEmpty()) {
            throw new CliException(CliException.USAGE, "give either PATHs or --archive, not both");
        }
        try (StoreSelection.OpenStores open = stores.selection().open(context)) {
            Node root = ArchiveImport.run(context, archive, open.blobs(), open.directories());
            NodeText.print(context.out(), EscapedText.of(archive), root);
            context.out().flush();
        }
        return 0;
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
