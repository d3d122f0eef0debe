package dev.castore.store.grpc;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ListenerProvider;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.store.grpc.server.CastoreGrpcServer;
import dev.castore.store.grpc.server.ListenOptions;
import java.io.IOException;
import java.util.Set;

/**
 * Serves a blob and a directory service over gRPC, wire-compatible with tvix and snix clients
 * (both package names are served). Listen URLs: {@code grpc+http://host:port},
 * {@code grpc+unix:///abs/path.sock}, {@code grpc+https://host:port?tls-cert-file=...&tls-key-file=...};
 * see {@link ListenOptions} for TLS client certificates, the bearer token and reflection.
 */
public final class GrpcListenerProvider implements ListenerProvider {

    @Override
    public Set<String> schemes() {
        return ListenOptions.SCHEMES;
    }

    @Override
    public Listener listen(ServiceUrl address, BlobService blobs, DirectoryService directories) throws IOException {
        return CastoreGrpcServer.start(ListenOptions.parse(address), blobs, directories);
    }

    @Override
    public Listener listen(ServiceUrl address, BlobService blobs, DirectoryService directories, Telemetry telemetry)
            throws IOException {
        return CastoreGrpcServer.start(ListenOptions.parse(address), blobs, directories, telemetry);
    }
}
