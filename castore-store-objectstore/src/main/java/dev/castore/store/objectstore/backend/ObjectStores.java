package dev.castore.store.objectstore.backend;

import dev.castore.api.spi.ServiceUrl;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the {@link ObjectStore} an object store URL names, as the Rust object_store crate's
 * {@code parse_url_opts} does for the schemes castore supports: {@code s3://bucket/prefix}
 * (also {@code s3a://}), {@code file:///absolute/path} and {@code memory:///}.
 */
public final class ObjectStores {

    /** What {@link #open} accepts, for messages. */
    public static final String ACCEPTED = "s3://bucket[/prefix], file:///absolute/path or memory:///";

    private ObjectStores() {}

    /**
     * Validates {@code url} and {@code options} without connecting anywhere.
     *
     * @throws IllegalArgumentException naming what is wrong and what is accepted
     */
    public static void check(String url, Map<String, String> options) {
        open(url, options, false);
    }

    /** The store {@code url} names, configured with {@code options} (see {@link S3Options}). */
    public static ObjectStore open(String url, Map<String, String> options) {
        return open(url, options, true);
    }

    private static ObjectStore open(String url, Map<String, String> options, boolean create) {
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
        return switch (u.scheme()) {
            case "s3", "s3a" -> s3(u, options, create);
            case "file" -> {
                local(u, options);
                yield create ? new LocalFileObjectStore(Path.of(u.path())) : null;
            }
            case "memory" -> {
                noOptions(u, options);
                yield create ? new MemoryObjectStore(url) : null;
            }
            default -> throw new IllegalArgumentException("object_store_url '" + url + "': unsupported scheme '"
                    + u.scheme() + "'; supported are " + ACCEPTED);
        };
    }

    private static ObjectStore s3(ServiceUrl u, Map<String, String> options, boolean create) {
        S3Options o = S3Options.parse(options);
        String bucket = u.host().isEmpty() ? o.bucket().orElse("") : u.host();
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("object_store_url '" + u + "' names no bucket; expected s3://bucket[/prefix]");
        }
        String prefix = trimSlashes(u.path());
        return create ? new S3ObjectStore(bucket, prefix, o) : null;
    }

    private static void local(ServiceUrl u, Map<String, String> options) {
        if (!u.host().isEmpty() || !u.path().startsWith("/")) {
            throw new IllegalArgumentException("object_store_url '" + u
                    + "' must be file:///absolute/path (three slashes, no host)");
        }
        noOptions(u, options);
    }

    private static void noOptions(ServiceUrl u, Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("object_store_options " + options.keySet() + " are not used by '" + u
                    + "'; options apply to s3:// stores only");
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
