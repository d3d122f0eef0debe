package dev.castore.store.grpc.server;

import dev.castore.api.directory.DirectoryService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.spi.FailureLog;
import dev.castore.store.grpc.proto.DirectoryServiceGrpc;
import dev.castore.store.grpc.proto.GetDirectoryRequest;
import dev.castore.store.grpc.proto.PutDirectoryResponse;
import dev.castore.store.grpc.wire.WireMessages;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.Optional;
import dev.castore.api.directory.ClosureStream;

/**
 * Serves any {@link DirectoryService} as the castore DirectoryService. Get answers one directory
 * or streams the closure root first (an empty stream when the root is missing); failures of the
 * backend are INTERNAL, as in tvix and snix. Put validates the closure leaves first, then stores
 * it through the backend's putter.
 */
final class DirectoryEndpoint extends DirectoryServiceGrpc.DirectoryServiceImplBase {

    private final DirectoryService directories;
    private final FailureLog failures;

    DirectoryEndpoint(DirectoryService directories, FailureLog failures) {
        this.directories = directories;
        this.failures = failures;
    }

    @Override
    public void get(GetDirectoryRequest request, StreamObserver<dev.castore.store.grpc.proto.Directory> observer) {
        if (request.getByWhatCase() != GetDirectoryRequest.ByWhatCase.DIGEST) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription("invalid by_what: set digest (field 1)")
                    .asRuntimeException());
            return;
        }
        Optional<B3Digest> digest = BlobEndpoint.digest(request.getDigest(), observer);
        if (digest.isEmpty()) {
            return;
        }
        if (request.getRecursive()) {
            getRecursive(digest.get(), (ServerCallStreamObserver<dev.castore.store.grpc.proto.Directory>) observer);
            return;
        }
        try {
            Optional<Directory> d = directories.get(digest.get());
            if (d.isEmpty()) {
                observer.onError(StatusMapping.notFound("directory " + digest.get().toHex() + " not found"));
                return;
            }
            observer.onNext(WireMessages.toWire(d.get()));
            observer.onCompleted();
        } catch (IOException | RuntimeException e) {
            failures.failed("getting directory " + digest.get().toHex(), e);
            observer.onError(StatusMapping.internal(e));
        }
    }

    private void getRecursive(B3Digest root, ServerCallStreamObserver<dev.castore.store.grpc.proto.Directory> call) {
        ClosureStream closure;
        try {
            closure = directories.getRecursive(root);
        } catch (IOException | RuntimeException e) {
            failures.failed("getting the closure of directory " + root.toHex(), e);
            call.onError(StatusMapping.internal(e));
            return;
        }
        new ClosureStreamer(closure, call, root, failures).start();
    }

    @Override
    public StreamObserver<dev.castore.store.grpc.proto.Directory> put(StreamObserver<PutDirectoryResponse> observer) {
        return new DirectoryPutReceiver(directories, (ServerCallStreamObserver<PutDirectoryResponse>) observer, failures);
    }
}
