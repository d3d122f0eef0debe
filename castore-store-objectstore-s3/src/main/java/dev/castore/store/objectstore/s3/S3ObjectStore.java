package dev.castore.store.objectstore.s3;

import dev.castore.api.Cursor;
import dev.castore.api.StorageException;
import dev.castore.store.objectstore.spi.ObjectStore;
import dev.castore.store.objectstore.spi.S3Options;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3 bucket (AWS or any S3-compatible server), under an optional key prefix. One
 * synchronous client per store, created once; a PUT of a single object is atomic on S3.
 */
final class S3ObjectStore implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final String location;

    /**
     * A store for {@code bucket} with keys below {@code prefix} (no leading or trailing {@code /};
     * may be empty).
     */
    S3ObjectStore(String bucket, String prefix, S3Options options) {
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() ? "" : prefix + "/";
        this.location = "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix)
                + options.endpoint().map(e -> " at " + e).orElse("");
        this.client = buildClient(options);
        options.ignored().forEach(k ->
                LOG.warn("object store option '{}' is accepted for compatibility but has no effect here", k));
    }

    @SuppressWarnings("deprecation")
    private static S3Client buildClient(S3Options o) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(o.timeout())
                .apiCallTimeout(o.retryTimeout())
                // RetryPolicy rather than RetryStrategy: the retries-api jar has no module name to require.
                .retryPolicy(RetryPolicy.builder().numRetries(o.maxRetries()).build());
        o.userAgent().ifPresent(ua -> override.putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, ua));
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(o.connectTimeout())
                        .socketTimeout(o.timeout()))
                .region(Region.of(o.region()))
                .forcePathStyle(!o.virtualHostedStyle())
                .credentialsProvider(credentials(o))
                .overrideConfiguration(override.build())
                // Plain PUTs with a Content-Length, as the Rust object_store sends them: the SDK's
                // aws-chunked framing (chunk signatures, CRC trailers) is stored as the object's
                // bytes by servers that do not decode it, and many S3-compatible ones reject it.
                // The body is then signed with its SHA-256 over plain HTTP, and goes unsigned over
                // HTTPS, where TLS protects it: the cheapest setting that keeps its integrity.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED);
        o.endpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    private static AwsCredentialsProvider credentials(S3Options o) {
        if (o.skipSignature()) {
            return AnonymousCredentialsProvider.create();
        }
        if (o.accessKeyId().isPresent()) {
            String id = o.accessKeyId().get();
            String secret = o.secretAccessKey().orElseThrow();
            return StaticCredentialsProvider.create(o.sessionToken()
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(id, secret, t))
                    .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private String fullKey(String key) {
        return prefix + key;
    }

    @Override
    public boolean headIsARequest() {
        return true;
    }

    @Override
    public Optional<Long> head(String key) throws IOException {
        try {
            return Optional.of(client.headObject(r -> r.bucket(bucket).key(fullKey(key))).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("HEAD", key, e);
        } catch (SdkException e) {
            throw failure("HEAD", key, e);
        }
    }

    @Override
    public Optional<InputStream> get(String key) throws IOException {
        try {
            return Optional.of(new ObjectBody(client.getObject(r -> r.bucket(bucket).key(fullKey(key))),
                    "GET " + location + " key " + key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
                return Optional.empty();
            }
            throw failure("GET", key, e);
        } catch (SdkException e) {
            throw failure("GET", key, e);
        }
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
        put(key, data, 0, data.length);
    }

    @Override
    public void put(String key, byte[] data, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        try {
            // Re-readable, so a retried attempt sends the same body; not copied (fromBytes copies
            // every object once more, 0.9 GB of garbage per GiB imported): the caller leaves the
            // range as it is until the put returns.
            client.putObject(r -> r.bucket(bucket).key(fullKey(key)).contentLength((long) length),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, offset, length), length,
                            "application/octet-stream"));
        } catch (SdkException e) {
            throw failure("PUT", key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            client.deleteObject(r -> r.bucket(bucket).key(fullKey(key)));
        } catch (NoSuchKeyException e) {
            // already gone
        } catch (SdkException e) {
            throw failure("DELETE", key, e);
        }
    }

    /** Pages of ListObjectsV2 (up to 1,000 keys each), each requested when the cursor reaches it. */
    @Override
    public Cursor<String> list(String keyPrefix) throws IOException {
        Iterator<S3Object> objects;
        try {
            objects = client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(fullKey(keyPrefix))).contents().iterator();
        } catch (SdkException e) {
            throw failure("LIST", keyPrefix, e);
        }
        return () -> {
            try {
                return objects.hasNext() ? Optional.of(objects.next().key().substring(prefix.length())) : Optional.empty();
            } catch (SdkException e) {
                throw failure("LIST", keyPrefix, e);
            }
        };
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private StorageException failure(String op, String key, SdkException e) {
        return new StorageException(op + " " + location + " key " + key + " failed: " + reason(e), e);
    }

    /**
     * Why a request failed, said for a user: the SDK's message, but where it buries the point
     * (missing credentials: a dump of every provider it asked; a refused connection or an
     * unknown host: "Unable to execute HTTP request"), the point and what to do.
     */
    static String reason(SdkException e) {
        String m = String.valueOf(e.getMessage());
        if (m.startsWith("Unable to load credentials")) {
            return "no AWS credentials were found (in the environment, the profile files, the container's or the"
                    + " instance's metadata): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, give the"
                    + " store access_key_id and secret_access_key, or skip_signature=true for a public bucket";
        }
        int attempts = m.lastIndexOf("(SDK Attempt Count: ");
        String tries = attempts < 0 ? "" : " " + m.substring(attempts);
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "cannot connect: " + c.getMessage() + tries + "; is an S3 server listening at that endpoint?";
            }
            if (c instanceof UnknownHostException) {
                return "unknown host " + c.getMessage() + tries + ": check the endpoint or the bucket's name";
            }
        }
        return m;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
        client.close();
    }
}
