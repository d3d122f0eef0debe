package dev.castore.cli.command;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.DirectoryNode;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.StoreSelection;
import dev.castore.cli.roots.TreeResolver;
import java.io.IOException;

/**
 * The directory a front end ({@code serve-http}, {@code mount}) is pointed at, resolved from the
 * same addresses {@code ls}, {@code stat} and {@code cat} take: a digest, a root name, a prefix of
 * a named root's digest, each optionally followed by {@code :path/inside}. A front end looks its
 * top directory up by digest alone, so a subdirectory of a store that keeps directories by closure
 * root (objectstore) is refused with what to do instead.
 */
final class ServedTree {

    private ServedTree() {}

    /**
     * The digest of the directory {@code address} names.
     *
     * @param instead what to do when the store cannot serve a subdirectory alone, for the message
     */
    static B3Digest resolve(CliContext context, StoreSelection selection, String address, String instead)
            throws IOException {
        try (StoreSelection.OpenStores open = selection.open(context)) {
            TreeResolver resolver = new TreeResolver(selection.roots(context), open::directories);
            TreeResolver.Target target = resolver.resolve(address);
            if (target.node().isEmpty()) {
                return target.digest();
            }
            if (!(target.node().get() instanceof DirectoryNode)) {
                throw new CliException(CliException.USAGE, address + " is a file, not a directory");
            }
            if (open.directories().get(target.digest()).isEmpty()) {
                throw new CliException(CliException.USAGE, address + " is a subdirectory, which this store (it keeps"
                        + " directories by closure root) cannot serve on its own: " + instead);
            }
            return target.digest();
        }
    }
}
