package dev.castore.composition.combinator;

import dev.castore.api.spi.ConfigValues;
import dev.castore.api.spi.ServiceUrl;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The URL form every combinator shares, {@code TYPE://?field=REF&...}: no host or path, only the
 * listed query parameters. A reference that is itself a URL is percent-encoded
 * ({@code far=grpc%2Bhttp://host:8000}).
 */
final class CombinatorUrls {

    private final ServiceUrl url;
    private final String form;

    private CombinatorUrls(ServiceUrl url, String form) {
        this.url = url;
        this.form = form;
    }

    /**
     * The parameters of {@code url}, whose whole accepted form is {@code form} (for messages,
     * e.g. {@code lru://?near=REF&far=REF&max_bytes=N}); unknown parameters are rejected.
     */
    static CombinatorUrls read(ServiceUrl url, String form, List<String> accepted) {
        if (!url.host().isEmpty() || !url.path().isEmpty()) {
            throw new IllegalArgumentException("the " + url.scheme() + " URL takes no host or path: " + form);
        }
        for (String key : url.query().keySet()) {
            if (!accepted.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "'; accepted: " + String.join(", ", accepted));
            }
        }
        return new CombinatorUrls(url, form);
    }

    /** A required parameter. */
    String required(String key) {
        return optional(key).orElseThrow(() -> new IllegalArgumentException(key + " is required: " + form));
    }

    Optional<String> optional(String key) {
        return url.queryParameter(key);
    }

    /** All parameters, in order. */
    Map<String, String> all() {
        return url.query();
    }

    /** A number of bytes, e.g. {@code max_bytes=1073741824} or {@code max_bytes=10GiB} ({@link ConfigValues#size}). */
    Optional<Long> bytes(String key) {
        return optional(key).map(v -> ConfigValues.size(key, v));
    }

    Optional<Boolean> bool(String key) {
        return optional(key).map(v -> ConfigValues.bool(key, v));
    }
}
