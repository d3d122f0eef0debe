package dev.castore.store.grpc.server;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.store.grpc.wire.WireMessages;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Iterator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a closure from the backend's lazy recursive get while the client keeps up: the next
 * directory is pulled from the backend only when the transport is ready for it, so a closure of
 * any size is never held whole. Cancelling the call closes the backend's stream.
 */
final class ClosureStreamer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ClosureStreamer.class);

    private final Stream<Directory> closure;
    private final Iterator<Directory> iterator;
    private final ServerCallStreamObserver<dev.castore.store.grpc.proto.Directory> call;
    private final B3Digest root;
    private boolean done;

    ClosureStreamer(Stream<Directory> closure, ServerCallStreamObserver<dev.castore.store.grpc.proto.Directory> call,
            B3Digest root) {
        this.closure = closure;
        this.iterator = closure.iterator();
        this.call = call;
        this.root = root;
    }

    void start() {
        call.setOnCancelHandler(this::release);
        call.setOnReadyHandler(this);
        run();
    }

    @Override
    public void run() {
        try {
            while (!done && call.isReady()) {
                if (!iterator.hasNext()) {
                    release();
                    call.onCompleted();
                    return;
                }
                call.onNext(WireMessages.toWire(iterator.next()));
            }
        } catch (RuntimeException e) {
            LOG.warn("streaming the closure of directory {} failed", root.toHex(), e);
            release();
            call.onError(StatusMapping.internal(e));
        }
    }

    private void release() {
        if (!done) {
            done = true;
            closure.close();
        }
    }
}
