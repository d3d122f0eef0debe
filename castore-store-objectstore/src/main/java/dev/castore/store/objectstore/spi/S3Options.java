package dev.castore.store.objectstore.spi;

import dev.castore.api.spi.ConfigValues;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The S3 settings of an {@code object_store_options} map. Keys are those of the Rust
 * object_store crate's {@code AmazonS3ConfigKey} (long {@code aws_*} and short forms, any case),
 * so a tvix/snix config works unchanged; two of its retry settings ({@code max_retries},
 * {@code retry_timeout}) are accepted too. Keys the crate knows but this store has no use for
 * are logged and ignored; unknown keys are rejected.
 *
 * @param region the signing region (default {@code us-east-1}, like the crate)
 * @param endpoint a non-AWS endpoint (MinIO, Ceph RGW, Garage, s3proxy), if any
 * @param virtualHostedStyle whether to address the bucket as a host name (default: path style)
 * @param accessKeyId static credentials with {@code secretAccessKey} (and maybe a session token);
 *     without them the SDK's default credential chain is used
 * @param connectTimeout time to establish a connection ({@code connect_timeout}, default 5 s)
 * @param timeout time for one request attempt, also the socket read timeout ({@code timeout}, default 30 s)
 * @param retryTimeout time for a call including retries ({@code retry_timeout}, default 3 min)
 * @param maxRetries retries after the first attempt ({@code max_retries}, default 3)
 * @param ignored the options given that are accepted for compatibility but have no effect here;
 *     the store warns about them once, when it is opened
 */
public record S3Options(
        String region,
        Optional<URI> endpoint,
        boolean virtualHostedStyle,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        Optional<String> sessionToken,
        boolean skipSignature,
        Optional<String> bucket,
        Duration connectTimeout,
        Duration timeout,
        Duration retryTimeout,
        int maxRetries,
        Optional<String> userAgent,
        Set<String> ignored) {

    /** Short forms of the object_store keys, by the canonical key they stand for. */
    private static final Map<String, String> ALIASES = aliases();

    /** Keys object_store accepts that do not change how this store talks to S3. */
    private static final Set<String> IGNORED = Set.of(
            "aws_imdsv1_fallback", "aws_metadata_endpoint", "aws_container_credentials_relative_uri",
            "aws_unsigned_payload", "aws_checksum_algorithm", "aws_copy_if_not_exists", "aws_conditional_put",
            "aws_disable_tagging", "aws_s3_express", "aws_server_side_encryption", "aws_sse_kms_key_id",
            "aws_sse_bucket_key_enabled", "allow_invalid_certificates", "default_content_type", "http1_only",
            "http2_only", "http2_keep_alive_interval", "http2_keep_alive_timeout", "http2_keep_alive_while_idle",
            "pool_idle_timeout", "pool_max_idle_per_host", "proxy_url", "proxy_ca_certificate", "proxy_excludes");

    private static Map<String, String> aliases() {
        Map<String, String> m = new TreeMap<>();
        alias(m, "aws_access_key_id", "access_key_id");
        alias(m, "aws_secret_access_key", "secret_access_key");
        alias(m, "aws_region", "region");
        alias(m, "aws_default_region", "default_region");
        alias(m, "aws_bucket", "aws_bucket_name", "bucket", "bucket_name");
        alias(m, "aws_endpoint", "aws_endpoint_url", "endpoint", "endpoint_url");
        alias(m, "aws_session_token", "aws_token", "session_token", "token");
        alias(m, "aws_virtual_hosted_style_request", "virtual_hosted_style_request");
        alias(m, "aws_skip_signature", "skip_signature");
        alias(m, "allow_http", "aws_allow_http");
        alias(m, "aws_imdsv1_fallback", "imdsv1_fallback");
        alias(m, "aws_metadata_endpoint", "metadata_endpoint");
        alias(m, "aws_unsigned_payload", "unsigned_payload");
        alias(m, "aws_checksum_algorithm", "checksum_algorithm");
        alias(m, "aws_copy_if_not_exists", "copy_if_not_exists");
        alias(m, "aws_conditional_put", "conditional_put");
        alias(m, "aws_disable_tagging", "disable_tagging");
        alias(m, "aws_s3_express", "s3_express");
        alias(m, "aws_container_credentials_relative_uri");
        alias(m, "aws_server_side_encryption");
        alias(m, "aws_sse_kms_key_id");
        alias(m, "aws_sse_bucket_key_enabled");
        for (String k : new String[] {"connect_timeout", "timeout", "user_agent", "max_retries", "retry_timeout",
                "allow_invalid_certificates", "default_content_type", "http1_only", "http2_only",
                "http2_keep_alive_interval", "http2_keep_alive_timeout", "http2_keep_alive_while_idle",
                "pool_idle_timeout", "pool_max_idle_per_host", "proxy_url", "proxy_ca_certificate", "proxy_excludes"}) {
            alias(m, k);
        }
        return Map.copyOf(m);
    }

    private static void alias(Map<String, String> m, String canonical, String... others) {
        m.put(canonical, canonical);
        for (String o : others) {
            m.put(o, canonical);
        }
    }

    /** Every accepted key, long and short forms. */
    public static Set<String> acceptedKeys() {
        return new TreeSet<>(ALIASES.keySet());
    }

    /**
     * Reads {@code options}.
     *
     * @throws IllegalArgumentException naming an unknown key or a malformed value, and what is accepted
     */
    public static S3Options parse(Map<String, String> options) {
        Map<String, String> o = canonical(options);
        boolean allowHttp = bool(o, "allow_http", false);
        Optional<URI> endpoint = Optional.ofNullable(o.get("aws_endpoint")).map(e -> endpoint(e, allowHttp));
        Optional<String> key = Optional.ofNullable(o.get("aws_access_key_id"));
        Optional<String> secret = Optional.ofNullable(o.get("aws_secret_access_key"));
        if (key.isPresent() != secret.isPresent()) {
            throw new IllegalArgumentException("object store options: aws_access_key_id and aws_secret_access_key "
                    + "must be given together (or neither, to use the AWS default credential chain)");
        }
        String region = Optional.ofNullable(o.get("aws_region")).or(() -> Optional.ofNullable(o.get("aws_default_region")))
                .orElse("us-east-1");
        return new S3Options(region, endpoint, bool(o, "aws_virtual_hosted_style_request", false), key, secret,
                Optional.ofNullable(o.get("aws_session_token")), bool(o, "aws_skip_signature", false),
                Optional.ofNullable(o.get("aws_bucket")),
                duration(o, "connect_timeout", Duration.ofSeconds(5)), duration(o, "timeout", Duration.ofSeconds(30)),
                duration(o, "retry_timeout", Duration.ofMinutes(3)), integer(o, "max_retries", 3),
                Optional.ofNullable(o.get("user_agent")),
                new TreeSet<>(o.keySet().stream().filter(IGNORED::contains).toList()));
    }

    private static Map<String, String> canonical(Map<String, String> options) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            String c = ALIASES.get(k);
            if (c == null) {
                throw new IllegalArgumentException("unknown object store option '" + e.getKey()
                        + "'; accepted for s3:// are the object_store crate's keys: " + acceptedKeys());
            }
            if (out.put(c, e.getValue()) != null) {
                throw new IllegalArgumentException("object store option '" + c + "' is given twice (as '" + e.getKey()
                        + "' and another form of it)");
            }
        }
        return out;
    }

    private static URI endpoint(String value, boolean allowHttp) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("object store option aws_endpoint '" + value + "' is not a URL", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("object store option aws_endpoint '" + value
                    + "' must be an http:// or https:// URL with a host");
        }
        if (scheme.equals("http") && !allowHttp) {
            throw new IllegalArgumentException("object store option aws_endpoint '" + value
                    + "' is plain http; set aws_allow_http=true to allow unencrypted connections");
        }
        return uri;
    }

    private static boolean bool(Map<String, String> o, String key, boolean dflt) {
        return o.containsKey(key) ? ConfigValues.bool("object store option " + key, o.get(key)) : dflt;
    }

    private static int integer(Map<String, String> o, String key, int dflt) {
        return o.containsKey(key) ? ConfigValues.count("object store option " + key, o.get(key)) : dflt;
    }

    /** A duration as {@link ConfigValues#duration} reads it ({@code 500ms}, {@code 30s}, {@code 2min}). */
    static Duration duration(Map<String, String> o, String key, Duration dflt) {
        return o.containsKey(key) ? ConfigValues.duration("object store option " + key, o.get(key)) : dflt;
    }
}
