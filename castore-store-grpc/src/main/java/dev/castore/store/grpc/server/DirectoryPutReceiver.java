package dev.castore.store.grpc.server;

import dev.castore.api.directory.DirectoryGraph;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.spi.FailureLog;
import dev.castore.store.grpc.proto.PutDirectoryResponse;
import dev.castore.store.grpc.wire.WireMessages;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;

/**
 * Receives a Put of a closure, leaves first. Every directory is validated as it arrives against
 * those received before in the same call ({@link DirectoryGraph}: unknown reference, wrong size);
 * at the end the graph must have a single root. Any of these failures is INTERNAL, as in tvix and
 * snix. Only a valid closure reaches the backend, leaves first through its putter, whose own
 * errors map generically (an empty stream gives INVALID_ARGUMENT "got no directories").
 */
final class DirectoryPutReceiver implements StreamObserver<dev.castore.store.grpc.proto.Directory> {

    private final DirectoryService directories;
    private final ServerCallStreamObserver<PutDirectoryResponse> call;
    private final FailureLog failures;
    private DirectoryGraph graph = new DirectoryGraph();

    DirectoryPutReceiver(DirectoryService directories, ServerCallStreamObserver<PutDirectoryResponse> call,
            FailureLog failures) {
        this.directories = directories;
        this.call = call;
        this.failures = failures;
    }

    @Override
    public void onNext(dev.castore.store.grpc.proto.Directory message) {
        if (graph == null) {
            return;
        }
        try {
            graph.add(WireMessages.fromWire(message));
        } catch (RuntimeException e) {
            graph = null;
            call.onError(StatusMapping.internal(e));
        }
    }

    @Override
    public void onError(Throwable t) {
        graph = null;
    }

    @Override
    public void onCompleted() {
        if (graph == null) {
            return;
        }
        DirectoryGraph.ValidatedClosure closure;
        try {
            closure = graph.validate();
        } catch (RuntimeException e) {
            call.onError(StatusMapping.internal(e));
            return;
        } finally {
            graph = null;
        }
        B3Digest root;
        try (DirectoryPutter putter = directories.putter()) {
            for (Directory d : closure.leavesToRoot()) {
                putter.put(d);
            }
            root = putter.commit();
        } catch (IOException | RuntimeException e) {
            failures.failed("storing a closure of " + closure.size() + " directories", e);
            call.onError(StatusMapping.generic(e));
            return;
        }
        call.onNext(PutDirectoryResponse.newBuilder().setRootDigest(WireMessages.bytes(root)).build());
        call.onCompleted();
    }
}
