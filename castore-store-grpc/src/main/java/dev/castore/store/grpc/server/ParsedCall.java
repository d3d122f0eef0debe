package dev.castore.store.grpc.server;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.io.InputStream;

/**
 * A call whose request messages arrive as raw bytes, seen by a method's handler as the typed call
 * it expects ({@link RequestParsing} parses the requests). Closing twice is ignored: once a
 * malformed request closed the call, the handler may still try to answer it while it winds down.
 */
final class ParsedCall<Q, R> extends ServerCall<Q, R> {

    private final ServerCall<InputStream, R> raw;
    private final MethodDescriptor<Q, R> method;
    private boolean closed;

    ParsedCall(ServerCall<InputStream, R> raw, MethodDescriptor<Q, R> method) {
        this.raw = raw;
        this.method = method;
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

    @Override
    public void request(int numMessages) {
        raw.request(numMessages);
    }

    @Override
    public void sendHeaders(Metadata headers) {
        raw.sendHeaders(headers);
    }

    @Override
    public void sendMessage(R message) {
        raw.sendMessage(message);
    }

    @Override
    public boolean isReady() {
        return raw.isReady();
    }

    @Override
    public boolean isCancelled() {
        return raw.isCancelled();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
        raw.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
        raw.setCompression(compressor);
    }

    @Override
    public void setOnReadyThreshold(int numBytes) {
        raw.setOnReadyThreshold(numBytes);
    }

    @Override
    public SecurityLevel getSecurityLevel() {
        return raw.getSecurityLevel();
    }

    @Override
    public Attributes getAttributes() {
        return raw.getAttributes();
    }

    @Override
    public String getAuthority() {
        return raw.getAuthority();
    }
}
