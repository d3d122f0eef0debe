package dev.castore.store.grpc.server;

import dev.castore.api.telemetry.CallSpan;
import dev.castore.api.telemetry.Telemetry;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;

/**
 * Reports each call to the telemetry: a server span that continues the trace the client sent
 * ({@code traceparent}), current on every thread that runs the call's handlers so that store
 * spans become its children, and ended with the call's status (which also counts and times the
 * call per method).
 */
final class CallTelemetryServerInterceptor implements ServerInterceptor {

    private final Telemetry telemetry;

    CallTelemetryServerInterceptor(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        CallSpan span = telemetry.serverCall(call.getMethodDescriptor().getFullMethodName(),
                name -> Optional.ofNullable(headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER))));
        ServerCall<Q, R> observed = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                span.end(status.getCode().name());
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener;
        try (CallSpan.Scope ignored = span.enter()) {
            listener = next.startCall(observed, headers);
        }
        return new InSpan<>(listener, span);
    }

    /** Runs every callback of the call with its span current. */
    private static final class InSpan<Q> extends SimpleForwardingServerCallListener<Q> {
        private final CallSpan span;

        InSpan(ServerCall.Listener<Q> delegate, CallSpan span) {
            super(delegate);
            this.span = span;
        }

        @Override
        public void onMessage(Q message) {
            try (CallSpan.Scope ignored = span.enter()) {
                super.onMessage(message);
            }
        }

        @Override
        public void onHalfClose() {
            try (CallSpan.Scope ignored = span.enter()) {
                super.onHalfClose();
            }
        }

        @Override
        public void onReady() {
            try (CallSpan.Scope ignored = span.enter()) {
                super.onReady();
            }
        }

        @Override
        public void onCancel() {
            try (CallSpan.Scope ignored = span.enter()) {
                super.onCancel();
            } finally {
                span.end("CANCELLED");
            }
        }

        @Override
        public void onComplete() {
            try (CallSpan.Scope ignored = span.enter()) {
                super.onComplete();
            }
        }
    }
}
