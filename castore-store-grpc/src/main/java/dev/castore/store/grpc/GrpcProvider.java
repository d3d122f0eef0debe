package dev.castore.store.grpc;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.grpc.client.ClientSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code grpc} blob and directory service types. URL form: {@code grpc+http://host:port},
 * {@code grpc+https://host:port}, {@code grpc+unix:///abs/path.sock}; query parameters
 * {@code wait-connect=1}, {@code package=tvix.castore.v1} (default snix), {@code tls-ca-file},
 * {@code tls-cert-file}, {@code tls-key-file}, {@code token-file}.
 */
public final class GrpcProvider implements ServiceBuilderProvider {

    /** The package a client speaks unless told otherwise. */
    public static final String DEFAULT_PACKAGE = "snix.castore.v1";

    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.of(ServiceKind.BLOB, "grpc", GrpcBlobServiceConfig.class, url -> {
                    Map<String, String> f = fields(url);
                    return new GrpcBlobServiceConfig(f.get("url"), f.get("proto_package"), f.get("tls_ca_file"),
                            f.get("tls_cert_file"), f.get("tls_key_file"), f.get("bearer_token_file"));
                }),
                Registration.of(ServiceKind.DIRECTORY, "grpc", GrpcDirectoryServiceConfig.class, url -> {
                    Map<String, String> f = fields(url);
                    return new GrpcDirectoryServiceConfig(f.get("url"), f.get("proto_package"), f.get("tls_ca_file"),
                            f.get("tls_cert_file"), f.get("tls_key_file"), f.get("bearer_token_file"));
                }));
    }

    /**
     * Splits a URL into config fields: the client options of the query become fields, and
     * {@code url} keeps the target with {@code wait-connect}.
     */
    static Map<String, String> fields(ServiceUrl url) {
        Map<String, String> fields = new LinkedHashMap<>();
        StringBuilder keep = new StringBuilder();
        for (Map.Entry<String, String> q : url.query().entrySet()) {
            String field = ClientSettings.URL_OPTIONS.get(q.getKey());
            if (field != null) {
                fields.put(field, q.getValue());
            } else {
                keep.append(keep.isEmpty() ? '?' : '&').append(q.getKey()).append('=').append(q.getValue());
            }
        }
        fields.put("url", url.withoutQuery() + keep);
        return fields;
    }
}
