package dev.castore.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the embedded default store keeps its data: {@code $XDG_DATA_HOME/castore}, else
 * {@code ~/.local/share/castore}. Blobs and directories share one {@code rocksdb} store in its
 * {@code rocksdb} directory. A data directory that holds only the previous default, an
 * {@code objectstore} in the directory itself, goes on using that until a rocksdb store exists.
 */
public final class DataHome {

    /** The port the daemon listens on by default, on 127.0.0.1. */
    public static final int DEFAULT_PORT = 8000;

    /** The default listen address. */
    public static final String DEFAULT_LISTEN = "grpc+http://127.0.0.1:" + DEFAULT_PORT;

    /** The store type of the embedded default, and of the previous default. */
    public static final String TYPE = "rocksdb";
    public static final String PREVIOUS_TYPE = "objectstore";

    private DataHome() {}

    /** The data directory for this environment. */
    public static Path directory(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "castore");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "castore");
    }

    /** The cache directory: {@code $XDG_CACHE_HOME/castore}, else {@code ~/.cache/castore}. */
    public static Path cacheDirectory(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "castore");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "castore");
    }

    /** The store directory of the embedded default in {@code dataDirectory}. */
    public static Path storeDirectory(Path dataDirectory) {
        return dataDirectory.resolve(TYPE);
    }

    /** The store URL of the embedded default, for either kind. */
    public static String storeUrl(Path dataDirectory) {
        return TYPE + "://" + rawPath(storeDirectory(dataDirectory));
    }

    /**
     * Whether {@code dataDirectory} holds a store of the previous default (the objectstore layout's
     * {@code blobs}, {@code chunks} or {@code dirs}) and no store of the current one.
     */
    public static boolean holdsOnlyPreviousStore(Path dataDirectory) {
        if (Files.exists(storeDirectory(dataDirectory))) {
            return false;
        }
        for (String prefix : new String[] {"blobs", "chunks", "dirs"}) {
            if (Files.isDirectory(dataDirectory.resolve(prefix).resolve("b3"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The URL of the embedded default store in the data directory of {@code env}: the previous
     * default's where only that one is there, else the current one's. Reads only, makes nothing.
     */
    public static String defaultStoreUrl(Map<String, String> env) {
        Path dir = directory(env);
        return holdsOnlyPreviousStore(dir) ? previousStoreUrl(dir) : storeUrl(dir);
    }

    /** The URL of the previous default store in {@code dataDirectory}. */
    public static String previousStoreUrl(Path dataDirectory) {
        return PREVIOUS_TYPE + "+file://" + rawPath(dataDirectory);
    }

    /** One line telling how to move a previous default store into the current one. */
    public static String migrationNotice(Path dataDirectory) {
        return "castore: " + dataDirectory + " holds a store of the previous default layout (objectstore), used as it is;"
                + " to move a tree to the faster embedded store, run castore copy --from " + previousStoreUrl(dataDirectory)
                + " --to " + storeUrl(dataDirectory) + " DIGEST (from then on the new store is the default)";
    }

    private static String rawPath(Path p) {
        return p.toAbsolutePath().normalize().toUri().getRawPath().replaceFirst("/$", "");
    }
}
