package dev.castore.store.grpc.server;

import dev.castore.api.spi.ThrottledLog;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.List;

/**
 * Parses request messages inside the call instead of in grpc-java's transport, where a message
 * that does not parse fails the call with UNKNOWN ("Application error processing RPC") and a
 * SEVERE stack trace per request. Here it fails with INVALID_ARGUMENT saying what was wrong, and
 * the server logs it through a {@link ThrottledLog}, at most a line now and then.
 *
 * <p>Each method of a service definition gets a request marshaller that hands the raw stream on,
 * and a handler that parses it with the method's own marshaller before the original handler sees
 * it; responses, and everything else of the call, pass unchanged.
 */
final class RequestParsing {

    private static final MethodDescriptor.Marshaller<InputStream> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InputStream value) {
            return value;
        }

        @Override
        public InputStream parse(InputStream stream) {
            return stream;
        }
    };

    private RequestParsing() {}

    /** {@code definition} with every request parsed in its call. */
    static ServerServiceDefinition inCalls(ServerServiceDefinition definition, ThrottledLog log) {
        List<ServerMethodDefinition<?, ?>> methods = definition.getMethods().stream()
                .<ServerMethodDefinition<?, ?>>map(m -> inCall(m, log))
                .toList();
        ServiceDescriptor original = definition.getServiceDescriptor();
        ServiceDescriptor.Builder service = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        methods.forEach(m -> service.addMethod(m.getMethodDescriptor()));
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(service.build());
        methods.forEach(builder::addMethod);
        return builder.build();
    }

    private static <Q, R> ServerMethodDefinition<InputStream, R> inCall(ServerMethodDefinition<Q, R> m,
            ThrottledLog log) {
        MethodDescriptor<Q, R> typed = m.getMethodDescriptor();
        MethodDescriptor<InputStream, R> raw = typed.toBuilder(RAW, typed.getResponseMarshaller()).build();
        ServerCallHandler<Q, R> handler = m.getServerCallHandler();
        return ServerMethodDefinition.create(raw, (call, headers) -> {
            ParsedCall<Q, R> parsed = new ParsedCall<>(call, typed);
            return new Listener<>(handler.startCall(parsed, headers), parsed, log);
        });
    }

    /** Parses each request for the handler's listener; after a malformed one, the call is over for it. */
    private static final class Listener<Q, R> extends ServerCall.Listener<InputStream> {
        private final ServerCall.Listener<Q> handler;
        private final ParsedCall<Q, R> call;
        private final ThrottledLog log;
        private boolean rejected;

        Listener(ServerCall.Listener<Q> handler, ParsedCall<Q, R> call, ThrottledLog log) {
            this.handler = handler;
            this.call = call;
            this.log = log;
        }

        @Override
        public void onMessage(InputStream message) {
            if (rejected) {
                return;
            }
            Q request;
            try {
                request = call.getMethodDescriptor().parseRequest(message);
            } catch (RuntimeException e) {
                reject(e);
                return;
            }
            handler.onMessage(request);
        }

        private void reject(RuntimeException e) {
            rejected = true;
            String method = call.getMethodDescriptor().getFullMethodName();
            String reason = reason(e);
            log.report("rejected a malformed request to " + method + ": " + reason, null);
            // A compressed message inflating beyond the size limit is cut off while it is parsed.
            Status status = tooLarge(e)
                    ? Status.RESOURCE_EXHAUSTED.withDescription("request message for " + method + " too large: " + reason)
                    : Status.INVALID_ARGUMENT.withDescription("malformed request message for " + method + ": " + reason);
            call.closeOnce(status, new Metadata());
            // Lets the handler release what it holds (an open blob writer, a putter) as for a cancelled call.
            handler.onCancel();
        }

        private static boolean tooLarge(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (Status.fromThrowable(t).getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                    return true;
                }
            }
            return false;
        }

        /** The parser's own words: grpc-java wraps them in "Invalid protobuf byte sequence". */
        private static String reason(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            return message.lines().findFirst().orElse(message);
        }

        @Override
        public void onHalfClose() {
            if (!rejected) {
                handler.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            if (!rejected) {
                handler.onCancel();
            }
        }

        @Override
        public void onComplete() {
            if (!rejected) {
                handler.onComplete();
            }
        }

        @Override
        public void onReady() {
            if (!rejected) {
                handler.onReady();
            }
        }
    }
}
