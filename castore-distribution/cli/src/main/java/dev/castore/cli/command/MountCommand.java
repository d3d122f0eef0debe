package dev.castore.cli.command;

import dev.castore.cli.CliContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code castore mount DIGEST MOUNTPOINT}: the daemon with the {@code fuse} listener of the fuse
 * plugin, which mounts the tree until SIGTERM.
 */
@Command(name = "mount", description = {"Mount a stored tree read-only with FUSE (libfuse3) until SIGTERM or Ctrl-C,"
        + " which unmount it: directories are read as they are reached, file bytes as they are read, verified."},
        footer = {"", "Example:", "  castore mount b3:... /mnt/tree &", "  ls -R /mnt/tree; kill %%1"})
public final class MountCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    StoreOptions stores;

    @Parameters(index = "0", paramLabel = "DIGEST", description = "The directory to mount.")
    String digest;

    @Parameters(index = "1", paramLabel = "MOUNTPOINT", description = "An existing directory to mount it on.")
    Path mountpoint;

    public MountCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        DaemonCommand daemon = new DaemonCommand(context);
        daemon.stores = stores;
        daemon.listen = "fuse://" + encode(mountpoint.toAbsolutePath().normalize().toString()) + "?root="
                + NodeText.parse(digest).toHex();
        return daemon.call();
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
