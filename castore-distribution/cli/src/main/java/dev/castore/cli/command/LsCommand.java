package dev.castore.cli.command;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.model.Directory;
import dev.castore.cli.CastoreCommand;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.StoreSelection;
import dev.castore.cli.listing.TreeListing;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code castore ls [-r] DIGEST}. */
@Command(name = "ls", description = {"List a directory: one line per entry with its kind (d directory, - file,"
        + " x executable file, l symlink), size, digest and name (symlinks with -> target; in names -> is"
        + " printed as -\\x3e).", "With -r, a directory that occurs at several paths (same digest) is listed in full at"
        + " its first occurrence only.",
        "", CastoreCommand.NAMES_HELP})
public final class LsCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    StoreOptions stores;

    @Parameters(paramLabel = "DIGEST", description = "The directory digest (hex, b3:..., blake3-...).")
    String digest;

    @Option(names = {"-r", "--recursive"}, description = "List the whole tree, with paths.")
    boolean recursive;

    public LsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        B3Digest d = NodeText.parse(digest);
        Map<B3Digest, Directory> closure = new HashMap<>();
        try (StoreSelection.OpenStores open = stores.selection().open(context)) {
            if (recursive) {
                try (ClosureStream all = open.directories().getRecursive(d)) {
                    for (Optional<Directory> x = all.next(); x.isPresent(); x = all.next()) {
                        closure.put(x.get().digest(), x.get());
                    }
                }
            } else {
                open.directories().get(d).ifPresent(x -> closure.put(d, x));
            }
        }
        Directory root = closure.get(d);
        if (root == null) {
            throw new CliException(CliException.NOT_FOUND, "directory " + d.toHex() + " is not in the directory service");
        }
        long repeated = new TreeListing(context.out(), closure).list(root, recursive);
        if (repeated > 0) {
            context.err().println("ls: " + repeated + " directory " + (repeated == 1 ? "line refers" : "lines refer")
                    + " to a directory listed before (same digest); its entries are listed once, at its first occurrence");
            context.err().flush();
        }
        return 0;
    }
}
