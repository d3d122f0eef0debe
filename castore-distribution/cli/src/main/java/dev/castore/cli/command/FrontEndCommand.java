package dev.castore.cli.command;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.DirectoryNode;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.StoreSelection;
import dev.castore.cli.roots.TreeAddress;
import dev.castore.cli.roots.TreeResolver;
import java.io.IOException;
import java.util.function.Function;
import picocli.CommandLine.Command;

/**
 * A command that runs the daemon with one front end ({@code serve-http}, {@code mount}) pointed at
 * a stored directory, resolved from the same addresses {@code ls}, {@code stat} and {@code cat}
 * take: a digest, a root name, a prefix of a named root's digest, each optionally followed by
 * {@code :path/inside}. A front end looks its top directory up by digest alone, so a subdirectory
 * of a store that keeps directories by closure root (objectstore) is refused with what to do
 * instead.
 */
abstract class FrontEndCommand extends StoreCommand {

    FrontEndCommand(CliContext context) {
        super(context);
    }

    /** The listen URL of the front end, with its tree resolved to a digest. */
    abstract String listenUrl() throws IOException;

    @Override
    public final Integer call() throws Exception {
        DaemonCommand daemon = new DaemonCommand(context);
        daemon.stores = stores;
        daemon.name = "castore " + getClass().getAnnotation(Command.class).name();
        daemon.listen = listenUrl();
        return daemon.call();
    }

    /**
     * The digest of the directory {@code tree} names.
     *
     * @param instead what to do when the store cannot serve a subdirectory alone, for the message
     */
    B3Digest resolve(String tree, Function<TreeAddress, String> instead) throws IOException {
        TreeAddress address = TreeAddress.parse(tree);
        try (StoreSelection.OpenStores open = openStores()) {
            TreeResolver.Target target = open.resolver().resolve(tree);
            if (target.node().isEmpty()) {
                return target.digest();
            }
            if (!(target.node().get() instanceof DirectoryNode)) {
                throw new CliException(CliException.USAGE, tree + " is a file, not a directory");
            }
            if (open.directories().get(target.digest()).isEmpty()) {
                throw new CliException(CliException.USAGE, tree + " is a subdirectory, which this store (it keeps"
                        + " directories by closure root) cannot serve on its own: "
                        + instead.apply(address));
            }
            return target.digest();
        }
    }
}
