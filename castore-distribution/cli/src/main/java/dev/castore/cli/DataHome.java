package dev.castore.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the embedded default store keeps its data: {@code $XDG_DATA_HOME/castore}, else
 * {@code ~/.local/share/castore}; blobs and directories share one objectstore there (their key
 * prefixes differ).
 */
public final class DataHome {

    /** The port the daemon listens on by default, on 127.0.0.1. */
    public static final int DEFAULT_PORT = 8000;

    /** The default listen address. */
    public static final String DEFAULT_LISTEN = "grpc+http://127.0.0.1:" + DEFAULT_PORT;

    private DataHome() {}

    /** The data directory for this environment. */
    public static Path directory(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "castore");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "castore");
    }

    /** The store URL of the embedded default, for either kind. */
    public static String storeUrl(Path directory) {
        return "objectstore+file://" + directory.toAbsolutePath().normalize().toUri().getRawPath().replaceFirst("/$", "");
    }
}
