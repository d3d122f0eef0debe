package dev.castore.cli.command;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.cli.CastoreCommand;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.StandardOutput;
import dev.castore.cli.StoreSelection;
import dev.castore.cli.listing.TreeListing;
import dev.castore.cli.roots.TreeResolver;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code castore ls [-r] DIGEST}. */
@Command(name = "ls", description = {"List a directory: one line per entry with its kind (d directory, - file,"
        + " x executable file, l symlink), size (a file's bytes; a directory's entries, counted through the whole"
        + " tree below it, as tvix counts), digest and name (symlinks with -> target; in names -> is"
        + " printed as -\\x3e).", "With -r, a directory that occurs at several paths (same digest) is listed in full at"
        + " its first occurrence only.",
        "", CastoreCommand.NAMES_HELP})
public final class LsCommand extends StoreCommand {

    @Parameters(paramLabel = "DIGEST", description = "The directory. " + TreeResolver.ADDRESS_HELP)
    String digest;

    @Option(names = {"-r", "--recursive"}, description = "List the whole tree, with paths.")
    boolean recursive;

    @Option(names = "--json", description = {"One JSON object per line and entry (JSON lines): path, type (directory,"
            + " file, symlink), digest; size (bytes) and executable for a file; tree_entries (every entry in the tree below"
            + " it, the directory node's size) for a directory; target for a symlink."})
    boolean json;

    @Option(names = {"-0", "--null"}, description = "Only the paths, as the raw bytes of the names, each ended by a NUL"
            + " byte (for xargs -0).")
    boolean nul;

    public LsCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        Map<B3Digest, Directory> closure = new HashMap<>();
        B3Digest d;
        boolean viaPath;
        try (StoreSelection.OpenStores open = openStoresForReading()) {
            TreeResolver.Target target = open.resolver().resolve(digest);
            if (target.node().isPresent() && !(target.node().get() instanceof DirectoryNode)) {
                throw new CliException(CliException.USAGE, digest + " is a file; ls lists directories (castore stat shows a file)");
            }
            d = target.digest();
            viaPath = target.node().isPresent();
            if (recursive) {
                addClosure(open, d, closure);
            } else {
                open.directories().get(d).ifPresent(x -> closure.put(d, x));
            }
            if (!closure.containsKey(d) && viaPath) {
                // A store that keeps directories by closure root has the subdirectory only in its root's closure.
                addClosure(open, target.root(), closure);
            }
            if (!closure.containsKey(d) && !viaPath && isBlob(open, d)) {
                throw new CliException(CliException.USAGE, d.toHex() + " is a blob; ls lists directories (castore cat"
                        + " prints a blob)");
            }
        }
        Directory root = closure.get(d);
        if (root == null) {
            throw new CliException(CliException.NOT_FOUND, "directory " + d.toHex() + " is not in the directory service"
                    + (viaPath ? "" : TreeResolver.SUBDIRECTORY_HINT));
        }
        if (json && nul) {
            throw new CliException(CliException.USAGE, "give --json or -0, not both");
        }
        TreeListing.Style style = json ? TreeListing.Style.JSON : nul ? TreeListing.Style.NUL : TreeListing.Style.TEXT;
        long repeated = new TreeListing(style, context.out(), StandardOutput.stream(context.rawOut()), closure).list(root, recursive);
        if (repeated > 0) {
            context.err().println("castore ls: " + repeated + " directory " + (repeated == 1 ? "line refers" : "lines refer")
                    + " to a directory listed before (same digest); its entries are listed once, at its first occurrence");
            context.err().flush();
        }
        return 0;
    }

    /** Whether the blob service at hand has {@code d}: only to word the error about a digest that is no directory. */
    private static boolean isBlob(StoreSelection.OpenStores open, B3Digest d) {
        try {
            Optional<BlobService> blobs = open.blobsAtHand();
            return blobs.isPresent() && blobs.get().has(d);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void addClosure(StoreSelection.OpenStores open, B3Digest root, Map<B3Digest, Directory> closure)
            throws IOException {
        try (ClosureStream all = open.directories().getRecursive(root)) {
            for (Optional<Directory> x = all.next(); x.isPresent(); x = all.next()) {
                closure.put(x.get().digest(), x.get());
            }
        }
    }
}
