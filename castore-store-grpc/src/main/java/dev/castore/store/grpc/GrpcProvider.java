package dev.castore.store.grpc;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import java.util.List;

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
                Registration.of(ServiceKind.BLOB, "grpc", GrpcBlobServiceConfig.class, url ->
                        new GrpcBlobServiceConfig(GrpcTarget.fromUrlForm(url), url.queryParameter("package").orElse(null),
                                url.queryParameter("tls-ca-file"), url.queryParameter("tls-cert-file"),
                                url.queryParameter("tls-key-file"), url.queryParameter("token-file"))),
                Registration.of(ServiceKind.DIRECTORY, "grpc", GrpcDirectoryServiceConfig.class, url ->
                        new GrpcDirectoryServiceConfig(GrpcTarget.fromUrlForm(url), url.queryParameter("package").orElse(null),
                                url.queryParameter("tls-ca-file"), url.queryParameter("tls-cert-file"),
                                url.queryParameter("tls-key-file"), url.queryParameter("token-file"))));
    }
}
