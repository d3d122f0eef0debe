package dev.castore.store.objectstore.backend;

import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.objectstore.spi.S3Options;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads an object store URL and its options into an {@link ObjectStoreTarget}, as the Rust
 * object_store crate's {@code parse_url_opts} does for the schemes castore supports:
 * {@code s3://bucket/prefix} (also {@code s3a://}), {@code file:///absolute/path} and
 * {@code memory:///}.
 */
public final class ObjectStores {

    /** What {@link #parseUrl} accepts, for messages. */
    public static final String ACCEPTED = "s3://bucket[/prefix], file:///absolute/path or memory:///";

    private ObjectStores() {}

    /**
     * Reads {@code url} as an object store URL: its scheme and shape, without options.
     *
     * @throws IllegalArgumentException naming what is wrong and what is accepted
     */
    public static ServiceUrl parseUrl(String url) {
        ServiceUrl u;
        try {
            u = ServiceUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("object_store_url '" + url + "' is not a URL; expected " + ACCEPTED, e);
        }
        if (u.rawQuery().isPresent()) {
            throw new IllegalArgumentException("object_store_url '" + url
                    + "' has a query; put options into object_store_options instead");
        }
        checkShape(u);
        return u;
    }

    /**
     * Checks the scheme and shape of {@code u} (its query, if any, is not looked at).
     *
     * @throws IllegalArgumentException naming what is wrong and what is accepted
     */
    public static void checkShape(ServiceUrl u) {
        switch (u.scheme()) {
            case "s3", "s3a", "memory" -> { }
            case "file" -> {
                if (!u.host().isEmpty() || !u.path().startsWith("/")) {
                    throw new IllegalArgumentException("object_store_url '" + u.withoutQuery()
                            + "' must be file:///absolute/path (three slashes, no host)");
                }
            }
            default -> throw new IllegalArgumentException("object_store_url '" + u.withoutQuery()
                    + "': unsupported scheme '" + u.scheme() + "'; supported are " + ACCEPTED);
        }
    }

    /**
     * The typed settings of the store {@code u} (checked by {@link #checkShape}) names with
     * {@code options} (see {@link S3Options}), read once; nothing is connected.
     *
     * @throws IllegalArgumentException naming what is wrong and what is accepted
     */
    public static ObjectStoreTarget target(ServiceUrl u, Map<String, String> options) {
        return switch (u.scheme()) {
            case "s3", "s3a" -> s3(u, options);
            case "file" -> {
                noOptions(u, options);
                yield new ObjectStoreTarget.LocalFiles(Path.of(u.path()));
            }
            default -> {
                noOptions(u, options);
                yield new ObjectStoreTarget.Memory(u.withoutQuery());
            }
        };
    }

    private static ObjectStoreTarget s3(ServiceUrl u, Map<String, String> options) {
        S3Options o = S3Options.parse(options);
        String bucket = u.host().isEmpty() ? o.bucket().orElse("") : u.host();
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("object_store_url '" + u.withoutQuery()
                    + "' names no bucket; expected s3://bucket[/prefix]");
        }
        return new ObjectStoreTarget.S3(bucket, trimSlashes(u.path()), o);
    }

    private static void noOptions(ServiceUrl u, Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("object_store_options " + options.keySet() + " are not used by '"
                    + u.withoutQuery() + "'; options apply to s3:// stores only");
        }
    }

    private static String trimSlashes(String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') {
            from++;
        }
        while (to > from && path.charAt(to - 1) == '/') {
            to--;
        }
        return path.substring(from, to);
    }
}
