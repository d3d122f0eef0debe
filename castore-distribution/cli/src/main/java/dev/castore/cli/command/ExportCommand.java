package dev.castore.cli.command;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.FileNode;
import dev.castore.cli.CastoreCommand;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.StoreSelection;
import dev.castore.cli.export.TreeExporter;
import dev.castore.cli.ingest.ImportProgress;
import dev.castore.cli.roots.TreeResolver;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code castore export DIGEST DEST}. */
@Command(name = "export", description = {"Write a stored directory (or blob) to DEST: executable bits kept, symlinks"
        + " recreated with their stored targets.",
        "",
        "All or nothing: the tree is written into a hidden directory next to DEST (.castore-export-...) and"
        + " renamed to DEST when complete; a failed export removes what it wrote. Never writes through a symlink"
        + " or outside DEST, even when another process swaps directories for symlinks meanwhile: every entry is"
        + " created relative to a directory opened without following symlinks. Never replaces anything without"
        + " --force; with --force, DEST is replaced as a whole, in one rename.",
        "", CastoreCommand.NAMES_HELP})
public final class ExportCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "DIGEST", description = "A directory or blob. " + TreeResolver.ADDRESS_HELP)
    String digest;

    @Parameters(index = "1", paramLabel = "DEST", description = "Where to write it; must not exist unless --force.")
    Path dest;

    @Option(names = {"-f", "--force"}, description = "Replace DEST (a file, symlink or whole directory tree) with the export.")
    boolean force;

    @Option(names = "--no-progress", description = "Print no progress (on a terminal a status line, else a line every"
            + " few seconds, and a summary at the end).")
    boolean noProgress;

    @Option(names = "--executable", description = "When DIGEST is a blob: make the file executable.")
    boolean executable;

    @Option(names = "--sparse", description = "Leave every whole, aligned block of 4096 zero bytes as a hole instead of"
            + " writing it (a disk image's empty space then takes no room on disk; the files read the same). The"
            + " export is then not refused for needing more bytes than are free.")
    boolean sparse;

    public ExportCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        try (StoreSelection.OpenStores open = openStoresForReading()) {
            TreeResolver resolver = open.resolver();
            TreeResolver.Target target = resolver.resolve(digest);
            B3Digest d = target.digest();
            ImportProgress progress = Progress.start(context, noProgress);
            TreeExporter exporter = new TreeExporter(open.blobs(), open.directories(), force).sparse(sparse)
                    .reporting(progress);
            if (target.node().orElse(null) instanceof FileNode f) {
                exporter.exportFile(d, dest, executable || f.executable());
            } else if (resolver.directory(target).isPresent()) {
                exporter.exportDirectory(d, target.root(), dest);
            } else if (target.node().isEmpty() && open.blobs().has(d)) {
                exporter.exportFile(d, dest, executable);
            } else {
                throw new CliException(CliException.NOT_FOUND, d.toHex() + " is neither a directory nor a blob in the store"
                        + (target.node().isPresent() ? "" : TreeResolver.SUBDIRECTORY_HINT));
            }
            Progress.finish(context, progress, noProgress, "exported");
        }
        return 0;
    }
}
