package dev.castore.cli.command;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.DirectoryNode;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.StandardOutput;
import dev.castore.cli.StoreSelection;
import dev.castore.cli.roots.TreeResolver;
import java.io.OutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code castore cat DIGEST}. */
@Command(name = "cat", description = "Write a blob's contents to standard output (verified as it is read).")
public final class CatCommand extends StoreCommand {

    @Parameters(paramLabel = "DIGEST", description = "The blob. " + TreeResolver.ADDRESS_HELP)
    String digest;

    public CatCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        try (StoreSelection.OpenStores open = openStoresForReading()) {
            TreeResolver.Target target = open.resolver().resolve(digest);
            if (target.node().orElse(null) instanceof DirectoryNode) {
                throw new CliException(CliException.USAGE, digest + " is a directory (castore ls lists it)");
            }
            B3Digest d = target.digest();
            BlobReader reader = open.blobs().open(d).orElseThrow(() ->
                    new CliException(CliException.NOT_FOUND, "blob " + d.toHex() + " is not in the blob service"));
            OutputStream out = context.rawOut();
            // The reader hands standard output its verified buffers as they are (StandardOutput).
            try (reader) {
                reader.transferTo(StandardOutput.of(out));
            }
            out.flush();
        }
        return 0;
    }
}
