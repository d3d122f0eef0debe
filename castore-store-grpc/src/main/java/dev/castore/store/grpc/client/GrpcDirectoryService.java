package dev.castore.store.grpc.client;

import dev.castore.api.telemetry.Telemetry;
import dev.castore.api.CorruptDataException;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.InvalidDirectoryException;
import dev.castore.store.grpc.proto.GetDirectoryRequest;
import dev.castore.store.grpc.wire.WireMessages;
import java.io.IOException;
import java.util.Optional;
import dev.castore.api.directory.ClosureStream;

/**
 * A directory service on a remote castore (or tvix/snix) gRPC server.
 *
 * <p>Everything received is verified: a single get must yield the directory whose digest was
 * asked for; a recursive get must deliver exactly the closure of the root, root first, each
 * directory referenced by one received before ({@link dev.castore.api.directory.RootFirstVerifier}),
 * and a stream that ends early fails. A single {@link #put} is a Put stream of one message, so
 * the server accepts it only for a directory without child directories; closures go through
 * {@link #putter()}, which streams them leaves first as they come.
 */
public final class GrpcDirectoryService implements DirectoryService {

    private final RemoteEndpoint endpoint;

    private GrpcDirectoryService(RemoteEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** A client for {@code settings}; with {@code wait-connect=1} it connects before returning. */
    public static GrpcDirectoryService connect(ClientSettings settings) throws IOException {
        return connect(settings, Telemetry.none());
    }

    /** A client for {@code settings} whose calls carry the trace context and are reported to {@code telemetry}. */
    public static GrpcDirectoryService connect(ClientSettings settings, Telemetry telemetry) throws IOException {
        return new GrpcDirectoryService(RemoteEndpoint.open(settings, telemetry));
    }

    @Override
    public Optional<Directory> get(B3Digest digest) throws IOException {
        try (InboundStream<dev.castore.store.grpc.proto.Directory> stream = get(digest, false)) {
            dev.castore.store.grpc.proto.Directory message = stream.next();
            if (message == null) {
                return Optional.empty();
            }
            Directory directory = decode(message, digest);
            if (!directory.digest().equals(digest)) {
                throw new CorruptDataException("asked " + endpoint.target() + " for directory " + digest.toHex()
                        + ", received " + directory.digest().toHex());
            }
            if (stream.next() != null) {
                throw new CorruptDataException("asked " + endpoint.target() + " for directory " + digest.toHex()
                        + ", received more than one");
            }
            return Optional.of(directory);
        } catch (RuntimeException e) {
            if (RemoteErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    InboundStream<dev.castore.store.grpc.proto.Directory> get(B3Digest digest, boolean recursive) {
        GetDirectoryRequest request = GetDirectoryRequest.newBuilder()
                .setDigest(WireMessages.bytes(digest))
                .setRecursive(recursive)
                .build();
        return InboundStream.start(endpoint, endpoint.methods().getDirectory(), request,
                (recursive ? "recursive get of directory " : "get of directory ") + digest.toHex());
    }

    Directory decode(dev.castore.store.grpc.proto.Directory message, B3Digest requested) throws CorruptDataException {
        try {
            return WireMessages.fromWire(message);
        } catch (InvalidDirectoryException e) {
            throw new CorruptDataException("received an invalid directory from " + endpoint.target()
                    + " while getting " + requested.toHex() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public B3Digest put(Directory directory) throws IOException {
        try (DirectoryPutter putter = putter()) {
            putter.put(directory);
            return putter.commit();
        }
    }

    @Override
    public ClosureStream getRecursive(B3Digest root) {
        return new RecursiveGet(this, root);
    }

    @Override
    public DirectoryPutter putter() {
        return new GrpcDirectoryPutter(endpoint);
    }

    String target() {
        return endpoint.target();
    }

    @Override
    public void close() {
        endpoint.close();
    }

    @Override
    public String toString() {
        return "grpc directory service at " + endpoint.target() + " ("
                + endpoint.methods().wirePackage().protoPackage() + ")";
    }
}
