package dev.castore.store.grpc;

import dev.castore.api.blob.BlobService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.store.grpc.client.GrpcBlobService;
import java.io.IOException;
import java.util.Optional;

/**
 * Config of a gRPC blob service client, type {@code grpc}.
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
public record GrpcBlobServiceConfig(
        GrpcTarget url, String protoPackage, Optional<String> tlsCaFile, Optional<String> tlsCertFile,
        Optional<String> tlsKeyFile, Optional<String> bearerTokenFile) implements ServiceBuilder<BlobService> {

    public GrpcBlobServiceConfig {
        url = GrpcTarget.required(url).withFields(protoPackage, tlsCaFile, tlsCertFile, tlsKeyFile, bearerTokenFile);
        protoPackage = GrpcTarget.protoPackage(protoPackage);
    }

    /** The config as a config file gives it, with strings: null or blank is left out. */
    public GrpcBlobServiceConfig(String url, String protoPackage, String tlsCaFile, String tlsCertFile, String tlsKeyFile,
            String bearerTokenFile) {
        this(url == null ? null : GrpcTarget.valueOf(url), protoPackage, GrpcTarget.file(tlsCaFile),
                GrpcTarget.file(tlsCertFile), GrpcTarget.file(tlsKeyFile), GrpcTarget.file(bearerTokenFile));
    }

    /** A config with only a URL. */
    public static GrpcBlobServiceConfig of(String url) {
        return new GrpcBlobServiceConfig(url, null, null, null, null, null);
    }

    @Override
    public BlobService build(String instanceName, CompositionContext context) throws IOException {
        return GrpcBlobService.connect(url.settings(), context.telemetry());
    }
}
