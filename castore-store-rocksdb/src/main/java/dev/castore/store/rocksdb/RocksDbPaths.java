package dev.castore.store.rocksdb;

import dev.castore.api.spi.ServiceUrl;
import java.nio.file.Path;

/** The store directory of a config or a {@code rocksdb:///absolute/path} URL. */
final class RocksDbPaths {

    private RocksDbPaths() {}

    /** {@code path} checked: given and absolute. */
    static String check(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path is required: the store directory, e.g. /var/lib/castore");
        }
        if (!Path.of(path).isAbsolute()) {
            throw new IllegalArgumentException("path '" + path + "' is not absolute; give the store directory as an"
                    + " absolute path, e.g. /var/lib/castore");
        }
        return path;
    }

    /** The path of {@code rocksdb:///absolute/path}: no host, no query. */
    static String fromUrl(ServiceUrl url) {
        if (!url.host().isEmpty() || url.rawQuery().isPresent()) {
            throw new IllegalArgumentException("invalid url '" + url + "': expected rocksdb:///absolute/path"
                    + " (no host, no query)");
        }
        if (url.path().isEmpty() || url.path().equals("/")) {
            throw new IllegalArgumentException("invalid url '" + url + "': the store directory is missing;"
                    + " expected rocksdb:///absolute/path");
        }
        return url.path();
    }
}
