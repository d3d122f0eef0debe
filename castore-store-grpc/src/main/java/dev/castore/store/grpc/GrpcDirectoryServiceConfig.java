package dev.castore.store.grpc;

import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.store.grpc.client.GrpcDirectoryService;
import java.io.IOException;
import java.util.Optional;

/**
 * Config of a gRPC directory service client, type {@code grpc}.
 *
 * <p>The fields are read into client settings once, here; building uses those. A field left out
 * (an empty {@link Optional}, a missing key in a config file or URL) is not set: {@link GrpcTarget}
 * owns what that means.
 *
 * @param url required: {@code grpc+http://host:port}, {@code grpc+https://host:port} or
 *     {@code grpc+unix:///abs/path.sock}, optionally with {@code ?wait-connect=1} (connect when
 *     built, fail fast)
 * @param protoPackage the package the server speaks: {@code snix.castore.v1} (default) or
 *     {@code tvix.castore.v1}
 * @param tlsCaFile PEM file of the CA to trust for {@code grpc+https} (default: the JDK's trust store)
 * @param tlsCertFile PEM client certificate for mutual TLS (with {@code tlsKeyFile})
 * @param tlsKeyFile PEM private key of the client certificate
 * @param bearerTokenFile file whose content is sent as {@code authorization: Bearer <token>}
 */
public record GrpcDirectoryServiceConfig(
        GrpcTarget url, String protoPackage, Optional<String> tlsCaFile, Optional<String> tlsCertFile,
        Optional<String> tlsKeyFile, Optional<String> bearerTokenFile) implements ServiceBuilder<DirectoryService> {

    public GrpcDirectoryServiceConfig {
        url = GrpcTarget.required(url).withFields(protoPackage, tlsCaFile, tlsCertFile, tlsKeyFile, bearerTokenFile);
        protoPackage = GrpcTarget.protoPackage(protoPackage);
    }

    /** The config as a config file gives it, with strings: null or blank is left out. */
    public GrpcDirectoryServiceConfig(String url, String protoPackage, String tlsCaFile, String tlsCertFile, String tlsKeyFile,
            String bearerTokenFile) {
        this(url == null ? null : GrpcTarget.valueOf(url), protoPackage, GrpcTarget.file(tlsCaFile),
                GrpcTarget.file(tlsCertFile), GrpcTarget.file(tlsKeyFile), GrpcTarget.file(bearerTokenFile));
    }

    /** A config with only a URL. */
    public static GrpcDirectoryServiceConfig of(String url) {
        return new GrpcDirectoryServiceConfig(url, null, null, null, null, null);
    }

    @Override
    public DirectoryService build(String instanceName, CompositionContext context) throws IOException {
        return GrpcDirectoryService.connect(url.settings(), context.telemetry());
    }
}
