package dev.castore.cli.command;

import dev.castore.api.digest.B3Digest;
import dev.castore.cli.CliContext;
import dev.castore.cli.roots.TreeResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code castore mount TREE MOUNTPOINT}: the daemon with the {@code fuse} listener of the fuse
 * plugin, which mounts the tree until SIGTERM.
 */
@Command(name = "mount", description = {"Mount a stored tree read-only with FUSE (libfuse3) until SIGTERM or Ctrl-C,"
        + " which unmount it: directories are read as they are reached, file bytes as they are read, verified."},
        footer = {"", "Examples:", "  castore mount b3:... /mnt/tree &", "  ls -R /mnt/tree; kill %%1",
                "  castore mount backup:home/docs /mnt/docs   (a directory of the root named backup)"})
public final class MountCommand extends FrontEndCommand {

    @Parameters(index = "0", paramLabel = "TREE", description = "The directory to mount. " + TreeResolver.ADDRESS_HELP)
    String tree;

    @Parameters(index = "1", paramLabel = "MOUNTPOINT", description = "An existing directory to mount it on.")
    Path mountpoint;

    public MountCommand(CliContext context) {
        super(context);
    }

    /** The fuse listener's URL, the tree resolved to its directory's digest. */
    @Override
    String listenUrl() throws IOException {
        B3Digest root = resolve(tree, address -> "mount " + address.root() + " and use "
                + mountpoint.resolve(address.pathText()));
        return "fuse://" + encode(mountpoint.toAbsolutePath().normalize().toString()) + "?root=" + root.toHex();
    }

    /** The path as a URL path: every byte but unreserved characters and '/' percent-encoded. */
    private static String encode(String path) {
        StringBuilder b = new StringBuilder();
        for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }
}
