package dev.castore.store.grpc.server;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.io.InputStream;

/**
 * A call whose request messages arrive as raw bytes, seen by a method's handler as the typed call
 * it expects ({@link RequestParsing} parses the requests). Closing twice is ignored: once a
 * malformed request closed the call, the handler may still try to answer it while it winds down.
 * Everything else goes to the raw call.
 */
final class ParsedCall<Q, R> extends ForwardingServerCall<Q, R> {

    private final ServerCall<Q, R> raw;
    private final MethodDescriptor<Q, R> method;
    private boolean closed;

    @SuppressWarnings("unchecked") // a ServerCall's request type only shows in getMethodDescriptor, answered here
    ParsedCall(ServerCall<InputStream, R> raw, MethodDescriptor<Q, R> method) {
        this.raw = (ServerCall<Q, R>) (ServerCall<?, R>) raw;
        this.method = method;
    }

    @Override
    protected ServerCall<Q, R> delegate() {
        return raw;
    }

    /** Closes the call unless it is closed already; whether this closed it. */
    synchronized boolean closeOnce(Status status, Metadata trailers) {
        if (closed) {
            return false;
        }
        closed = true;
        raw.close(status, trailers);
        return true;
    }

    @Override
    public void close(Status status, Metadata trailers) {
        closeOnce(status, trailers);
    }

    @Override
    public MethodDescriptor<Q, R> getMethodDescriptor() {
        return method;
    }
}
