package dev.castore.store.grpc.server;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.spi.FailureLog;
import dev.castore.store.grpc.wire.WireMessages;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import dev.castore.api.directory.ClosureStream;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a closure from the backend's lazy recursive get while the client keeps up: the next
 * directory is pulled from the backend only when the transport is ready for it, so a closure of
 * any size is never held whole. Cancelling the call closes the backend's stream.
 */
final class ClosureStreamer extends FlowControlledStreamer<dev.castore.store.grpc.proto.Directory> {

    private static final Logger LOG = LoggerFactory.getLogger(ClosureStreamer.class);

    private final ClosureStream closure;
    private final B3Digest root;
    private final FailureLog failures;

    ClosureStreamer(ClosureStream closure, ServerCallStreamObserver<dev.castore.store.grpc.proto.Directory> call,
            B3Digest root, FailureLog failures) {
        super(call);
        this.closure = closure;
        this.root = root;
        this.failures = failures;
    }

    @Override
    boolean sendNext(ServerCallStreamObserver<dev.castore.store.grpc.proto.Directory> call) throws IOException {
        Optional<Directory> next = closure.next();
        next.ifPresent(d -> call.onNext(WireMessages.toWire(d)));
        return next.isPresent();
    }

    @Override
    StatusRuntimeException failure(Exception e) {
        failures.failed("streaming the closure of directory " + root.toHex(), e);
        return StatusMapping.internal(e);
    }

    @Override
    void releaseSource() {
        try {
            closure.close();
        } catch (IOException e) {
            LOG.debug("closing the closure of directory {} failed", root.toHex(), e);
        }
    }
}
