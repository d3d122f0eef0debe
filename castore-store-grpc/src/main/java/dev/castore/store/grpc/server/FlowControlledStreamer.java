package dev.castore.store.grpc.server;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;

/**
 * A server-streaming response that produces its next message only when the transport is ready
 * for it, so a slow client holds back the source instead of filling buffers. The source is
 * released exactly once: at the end, on an error, or when the client cancels.
 *
 * @param <T> the response message
 */
abstract class FlowControlledStreamer<T> implements Runnable {

    private final ServerCallStreamObserver<T> call;
    private boolean done;

    FlowControlledStreamer(ServerCallStreamObserver<T> call) {
        this.call = call;
    }

    /** Sends the first messages the transport takes and keeps sending as it becomes ready again. */
    final void start() {
        call.setOnCancelHandler(this::release);
        call.setOnReadyHandler(this);
        run();
    }

    /** Sends the next message, if there is one; false once the source is exhausted. */
    abstract boolean sendNext(ServerCallStreamObserver<T> call) throws IOException;

    /** Releases the source. */
    abstract void releaseSource();

    /** The status the call fails with for {@code e} (and logs it). */
    abstract StatusRuntimeException failure(Exception e);

    @Override
    public final void run() {
        try {
            while (!done && call.isReady()) {
                if (!sendNext(call)) {
                    release();
                    call.onCompleted();
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            release();
            call.onError(failure(e));
        }
    }

    private void release() {
        if (!done) {
            done = true;
            releaseSource();
        }
    }
}
