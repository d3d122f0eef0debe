package dev.castore.store.grpc.client;

import io.grpc.Context;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.util.Iterator;

/**
 * A server-streaming call read by a blocking caller. gRPC's blocking iterator asks the server for
 * one message at a time, so a slow reader holds back the server; {@link #close()} cancels the
 * call (through its own cancellable context) when the reader stops early.
 *
 * @param <R> response message
 */
final class InboundStream<R> implements AutoCloseable {

    private final String target;
    private final String what;
    private final Runnable cancel;
    private final Iterator<R> iterator;

    /** The messages of {@code iterator}, from {@code target}; {@code cancel} stops the call. */
    InboundStream(String target, String what, Runnable cancel, Iterator<R> iterator) {
        this.target = target;
        this.what = what;
        this.cancel = cancel;
        this.iterator = iterator;
    }

    static <Q, R> InboundStream<R> start(RemoteEndpoint endpoint, MethodDescriptor<Q, R> method, Q request,
            String what) {
        Context.CancellableContext context = Context.current().withCancellation();
        Context previous = context.attach();
        try {
            Iterator<R> it = ClientCalls.blockingServerStreamingCall(endpoint.channel(), method,
                    endpoint.callOptions(), request);
            return new InboundStream<>(endpoint.target(), what, () -> context.cancel(null), it);
        } finally {
            context.detach(previous);
        }
    }

    /** The next message, or {@code null} at the end; NOT_FOUND surfaces as the raw status exception. */
    R next() throws IOException {
        try {
            return iterator.hasNext() ? iterator.next() : null;
        } catch (RuntimeException e) {
            if (RemoteErrors.isNotFound(e)) {
                throw e;
            }
            throw RemoteErrors.toIOException(e, target, what);
        }
    }

    @Override
    public void close() {
        cancel.run();
    }
}
