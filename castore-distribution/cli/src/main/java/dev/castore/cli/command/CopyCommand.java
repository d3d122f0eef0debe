package dev.castore.cli.command;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.FileNode;
import dev.castore.api.spi.Access;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.Quantity;
import dev.castore.cli.StoreSelection;
import dev.castore.cli.copy.TreeCopier;
import dev.castore.cli.ingest.ImportProgress;
import dev.castore.cli.roots.TreeResolver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code castore copy --from SPEC --to SPEC DIGEST}. */
@Command(name = "copy", description = {"Copy a blob, or a directory with its whole closure and blobs, from one store"
        + " to another, skipping what the target already has. SPEC is a URL used for both blobs and directories"
        + " (e.g. grpc+http://host:8000, objectstore+file:///srv/castore) or a config file (its 'root' entrypoints);"
        + " when omitted, the store of $CASTORE_STORE (and $CASTORE_BLOB_SERVICE, $CASTORE_DIRECTORY_SERVICE), else the"
        + " embedded default."})
public final class CopyCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--from", paramLabel = "SPEC", description = "Source store (default: $CASTORE_STORE, else the embedded default).")
    String from;

    @Option(names = "--to", paramLabel = "SPEC", description = "Target store (default: $CASTORE_STORE, else the embedded default).")
    String to;

    @Option(names = "--no-progress", description = "Print no progress (on a terminal a status line, else a line every"
            + " few seconds).")
    boolean noProgress;

    @Parameters(paramLabel = "DIGEST", description = "A directory or blob of the source store. " + TreeResolver.ADDRESS_HELP)
    String digest;

    public CopyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (from == null && to == null) {
            throw new CliException(CliException.USAGE, "give --from or --to (or both): copying the default store onto itself does nothing");
        }
        StoreSelection source = from == null ? StoreOptions.fromEnvironment(context.env()) : StoreSelection.of(from);
        StoreSelection target = to == null ? StoreOptions.fromEnvironment(context.env()) : StoreSelection.of(to);
        try (StoreSelection.OpenStores src = source.open(context, Access.READ_ONLY); StoreSelection.OpenStores dst = target.open(context)) {
            TreeResolver resolver = new TreeResolver(source.roots(context), src::directories);
            TreeResolver.Target address = resolver.resolve(digest);
            B3Digest d = address.digest();
            ImportProgress progress = Progress.start(context, noProgress);
            TreeCopier copier = new TreeCopier(src.blobs(), src.directories(), dst.blobs(), dst.directories())
                    .reporting(progress);
            TreeCopier.Copied copied = new TreeCopier.Copied(0, 0);
            if (dst.directories().get(d).isPresent()) {
                context.err().println("the target already has directory " + d.toHex());
            } else if (!(address.node().orElse(null) instanceof FileNode) && resolver.directory(address).isPresent()) {
                copied = copier.copyDirectory(d, address.root());
            } else if (src.blobs().has(d)) {
                copied = new TreeCopier.Copied(copier.copyBlob(d) ? 1 : 0, 0);
            } else {
                throw new CliException(CliException.NOT_FOUND, d.toHex() + " is neither a directory nor a blob in the source store");
            }
            progress.close();
            context.err().println("copied " + Quantity.of(copied.blobs(), "blob") + " and " + Quantity.of(copied.directories(), "directory"));
        }
        return 0;
    }
}
