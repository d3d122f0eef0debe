package dev.castore.store.grpc;

import dev.castore.api.blob.BlobService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.store.grpc.client.GrpcBlobService;
import java.io.IOException;

/**
 * Config of a gRPC blob service client, type {@code grpc}.
 *
 * <p>The fields are read into client settings once, here; building uses those.
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
        GrpcTarget url, String protoPackage, String tlsCaFile, String tlsCertFile, String tlsKeyFile,
        String bearerTokenFile) implements ServiceBuilder<BlobService> {

    public GrpcBlobServiceConfig {
        if (url == null) {
            throw new IllegalArgumentException(GrpcTarget.REQUIRED);
        }
        protoPackage = protoPackage == null ? GrpcProvider.DEFAULT_PACKAGE : protoPackage;
        tlsCaFile = tlsCaFile == null ? "" : tlsCaFile;
        tlsCertFile = tlsCertFile == null ? "" : tlsCertFile;
        tlsKeyFile = tlsKeyFile == null ? "" : tlsKeyFile;
        bearerTokenFile = bearerTokenFile == null ? "" : bearerTokenFile;
        url = url.withFields(protoPackage, tlsCaFile, tlsCertFile, tlsKeyFile, bearerTokenFile);
    }

    /** The config of {@code url} as a config file gives it. */
    public GrpcBlobServiceConfig(String url, String protoPackage, String tlsCaFile, String tlsCertFile, String tlsKeyFile,
            String bearerTokenFile) {
        this(url == null ? null : GrpcTarget.valueOf(url), protoPackage, tlsCaFile, tlsCertFile, tlsKeyFile,
                bearerTokenFile);
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
