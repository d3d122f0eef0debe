package dev.castore.store.grpc;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceUrl;
import java.util.List;
import java.util.Optional;

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
                Registration.of(ServiceKind.BLOB, "grpc", GrpcBlobServiceConfig.class,
                        url -> fromUrl(url, GrpcBlobServiceConfig::new)),
                Registration.of(ServiceKind.DIRECTORY, "grpc", GrpcDirectoryServiceConfig.class,
                        url -> fromUrl(url, GrpcDirectoryServiceConfig::new)));
    }

    /** The canonical constructor of a grpc config record. */
    private interface ConfigFields<C> {
        C config(GrpcTarget url, String protoPackage, Optional<String> tlsCaFile, Optional<String> tlsCertFile,
                Optional<String> tlsKeyFile, Optional<String> bearerTokenFile);
    }

    /** The config of the URL form: the target, and the client options its query holds (absent: left out). */
    private static <C> C fromUrl(ServiceUrl url, ConfigFields<C> fields) {
        return fields.config(GrpcTarget.fromUrlForm(url), url.queryParameter("package").orElse(null),
                url.queryParameter("tls-ca-file"), url.queryParameter("tls-cert-file"),
                url.queryParameter("tls-key-file"), url.queryParameter("token-file"));
    }
}
