package dev.castore.store.grpc.server;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets a call through only with {@code authorization: Bearer <token>}; UNAUTHENTICATED otherwise. */
final class BearerTokenServerInterceptor implements ServerInterceptor {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final byte[] expected;

    BearerTokenServerInterceptor(String token) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the bearer token file is empty");
        }
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String given = headers.get(AUTHORIZATION);
        // Constant-time comparison: the time taken must not tell how much of a guess was right.
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            call.close(Status.UNAUTHENTICATED.withDescription(given == null
                    ? "missing authorization header: send 'authorization: Bearer <token>'"
                    : "invalid bearer token"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
