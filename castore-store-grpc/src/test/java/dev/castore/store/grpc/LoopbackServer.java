package dev.castore.store.grpc;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.grpc.client.ClientSettings;
import dev.castore.store.grpc.client.GrpcBlobService;
import dev.castore.store.grpc.client.GrpcDirectoryService;
import dev.castore.store.grpc.server.CastoreGrpcServer;
import dev.castore.store.grpc.server.ListenOptions;
import dev.castore.store.grpc.wire.WirePackage;
import java.io.IOException;
import java.util.Optional;

/** A real gRPC server on a free loopback port, and clients for it (for the client package's tests too). */
public final class LoopbackServer implements AutoCloseable {

    final CastoreGrpcServer server;

    private LoopbackServer(CastoreGrpcServer server) {
        this.server = server;
    }

    public static LoopbackServer serve(BlobService blobs, DirectoryService directories) throws IOException {
        return serve(blobs, directories, "");
    }

    static LoopbackServer serve(BlobService blobs, DirectoryService directories, String query) throws IOException {
        ListenOptions options = ListenOptions.parse(ServiceUrl.parse("grpc+http://127.0.0.1:0" + query));
        return new LoopbackServer(CastoreGrpcServer.start(options, blobs, directories));
    }

    String url() {
        return "grpc+http://127.0.0.1:" + server.port();
    }

    ClientSettings settings(WirePackage wirePackage) {
        ServiceUrl url = ClientSettings.parseTarget(url());
        return new ClientSettings(url, false, wirePackage, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public GrpcBlobService blobClient() throws IOException {
        return GrpcBlobService.connect(settings(WirePackage.SNIX));
    }

    GrpcDirectoryService directoryClient() throws IOException {
        return GrpcDirectoryService.connect(settings(WirePackage.SNIX));
    }

    @Override
    public void close() {
        server.close();
    }
}
