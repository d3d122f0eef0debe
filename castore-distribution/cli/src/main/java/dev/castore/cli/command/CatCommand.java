package dev.castore.cli.command;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.DirectoryNode;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.StandardOutput;
import dev.castore.cli.StoreSelection;
import dev.castore.cli.roots.TreeResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
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
            Optional<BlobReader> opened = open.blobs().open(d);
            if (opened.isEmpty()) {
                throw notFound(open, d);
            }
            BlobReader reader = opened.get();
            OutputStream out = context.rawOut();
            // The reader hands standard output its verified buffers as they are (StandardOutput).
            try (reader) {
                reader.transferTo(StandardOutput.of(out));
            }
            out.flush();
        }
        return 0;
    }

    /** That {@code d} is not a blob here: a directory's digest is named as one, where the store at hand says so. */
    private static CliException notFound(StoreSelection.OpenStores open, B3Digest d) {
        try {
            Optional<DirectoryService> directories = open.directoriesAtHand();
            if (directories.isPresent() && directories.get().get(d).isPresent()) {
                return new CliException(CliException.USAGE, d.toHex() + " is a directory (castore ls lists it)");
            }
        } catch (IOException | RuntimeException e) {
            // the blob's absence is the answer; the directory service only worded it
        }
        return new CliException(CliException.NOT_FOUND, "blob " + d.toHex() + " is not in the blob service");
    }
}
