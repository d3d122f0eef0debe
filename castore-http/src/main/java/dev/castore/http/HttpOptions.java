package dev.castore.http;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.PathComponent;
import dev.castore.api.spi.ServiceUrl;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an {@code http://HOST:PORT[?root=DIGEST][&index=NAME]} listen URL asks for.
 *
 * @param host the address to bind
 * @param port the port; 0 picks a free one
 * @param root the one tree served at {@code /}; empty: any directory, at {@code /DIGEST/}
 * @param index the file served for a directory that holds it; empty: always the listing
 */
public record HttpOptions(String host, int port, Optional<B3Digest> root, Optional<PathComponent> index) {

    /** The query parameters a listen URL may carry. */
    public static final Set<String> PARAMETERS = Set.of("root", "index");

    /** The index file by default. */
    public static final String DEFAULT_INDEX = "index.html";

    /**
     * Reads a listen URL.
     *
     * @throws IllegalArgumentException naming what is wrong and what is accepted
     */
    public static HttpOptions parse(ServiceUrl url) {
        if (!url.scheme().equals("http")) {
            throw new IllegalArgumentException("unable to parse url '" + url + "': the scheme must be http");
        }
        if (url.port().isEmpty() || url.host().isEmpty()) {
            throw new IllegalArgumentException("unable to parse url '" + url + "': expected http://HOST:PORT"
                    + " (port 0 picks a free one)");
        }
        if (!url.path().isEmpty() && !url.path().equals("/")) {
            throw new IllegalArgumentException("unable to parse url '" + url + "': a listen URL has no path");
        }
        Map<String, String> query = url.query();
        for (String name : query.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unable to parse url '" + url + "': unknown parameter '" + name
                        + "'; accepted: root=DIGEST, index=NAME");
            }
        }
        Optional<B3Digest> root = Optional.ofNullable(query.get("root")).map(B3Digest::parse);
        String index = query.getOrDefault("index", DEFAULT_INDEX);
        Optional<PathComponent> indexName = index.isEmpty() ? Optional.empty() : Optional.of(PathComponent.of(index));
        String host = url.host().startsWith("[") ? url.host().substring(1, url.host().length() - 1) : url.host();
        return new HttpOptions(host, url.port().getAsInt(), root, indexName);
    }
}
