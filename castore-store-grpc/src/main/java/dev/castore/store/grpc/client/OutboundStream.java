package dev.castore.store.grpc.client;

import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client-streaming call driven by a blocking caller, with flow control: {@link #send} waits
 * until the transport is ready for more, so a fast writer never queues more than one message
 * beyond gRPC's own small buffer.
 *
 * @param <Q> request message
 * @param <R> response message
 */
final class OutboundStream<Q, R> implements ClientResponseObserver<Q, R> {

    private final RemoteEndpoint endpoint;
    private final String what;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private ClientCallStreamObserver<Q> requests;
    private R response;
    private Throwable failure;
    private boolean done;

    private OutboundStream(RemoteEndpoint endpoint, String what) {
        this.endpoint = endpoint;
        this.what = what;
    }

    /** Starts the call; {@code what} names it in errors ("blob put"). */
    static <Q, R> OutboundStream<Q, R> start(RemoteEndpoint endpoint, MethodDescriptor<Q, R> method, String what) {
        OutboundStream<Q, R> stream = new OutboundStream<>(endpoint, what);
        ClientCalls.asyncClientStreamingCall(endpoint.channel().newCall(method, endpoint.callOptions()), stream);
        return stream;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
        this.requests = requestStream;
        requestStream.setOnReadyHandler(this::signal);
    }

    /**
     * Sends {@code message} once the transport is ready for it. The message is handed over outside
     * the lock: the callbacks run on the event loop (the channel's direct executor), which must not
     * wait while this thread serializes a message. Only the caller's thread sends, finishes and
     * cancels, so nothing else touches the call meanwhile.
     */
    void send(Q message) throws IOException {
        lock.lock();
        try {
            while (!done && !requests.isReady()) {
                await();
            }
            if (done) {
                throw failure();
            }
        } finally {
            lock.unlock();
        }
        requests.onNext(message);
    }

    /** Half-closes and waits for the answer. */
    R finish() throws IOException {
        lock.lock();
        try {
            if (!done) {
                requests.onCompleted();
            }
            while (!done) {
                await();
            }
            if (failure != null) {
                throw failure();
            }
            return response;
        } finally {
            lock.unlock();
        }
    }

    /** Abandons the call; the server discards what it received. */
    void cancel() {
        lock.lock();
        try {
            if (!done) {
                requests.cancel("abandoned by the client", null);
            }
        } finally {
            lock.unlock();
        }
    }

    private void await() throws InterruptedIOException {
        try {
            changed.await();
        } catch (InterruptedException e) {
            requests.cancel("interrupted", e);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " to " + endpoint.target() + " interrupted");
        }
    }

    private IOException failure() {
        return RemoteErrors.toIOException(failure == null ? new IllegalStateException("call ended") : failure,
                endpoint.target(), what);
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onNext(R value) {
        lock.lock();
        try {
            response = value;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onError(Throwable t) {
        lock.lock();
        try {
            failure = t;
            done = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onCompleted() {
        lock.lock();
        try {
            done = true;
            if (response == null) {
                failure = new IllegalStateException("the server answered no message");
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
