package dev.castore.store.grpc.client;

import dev.castore.api.telemetry.CallSpan;
import dev.castore.api.telemetry.Telemetry;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Opens a client span per call, a child of the caller's current span, and sends its W3C trace
 * context ({@code traceparent}, {@code tracestate}) in the call's headers, so that the server's
 * spans join the caller's trace. The span ends with the call's status.
 */
final class TraceContextClientInterceptor implements ClientInterceptor {

    private final Telemetry telemetry;

    TraceContextClientInterceptor(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                CallSpan span = telemetry.clientCall(method.getFullMethodName(),
                        (name, value) -> headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
                super.start(new SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        span.end(status.getCode().name());
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }
}
