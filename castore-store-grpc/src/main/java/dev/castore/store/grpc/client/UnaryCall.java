package dev.castore.store.grpc.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A blocking unary call whose NOT_FOUND is an answer, not an exception. grpc-java's blocking stub
 * throws NOT_FOUND as a {@link StatusRuntimeException}, filling in two stack traces, one on the
 * transport's thread and one on the caller's: a copy asks about every blob before it sends it,
 * and most are absent from a new target.
 */
final class UnaryCall {

    private UnaryCall() {}

    /**
     * The response, or empty when the server answers NOT_FOUND; any other status is thrown as
     * a {@link StatusRuntimeException}, CANCELLED when the waiting thread is interrupted (the call
     * is cancelled and the interrupt kept), as the blocking stub does.
     */
    static <Q, R> Optional<R> callOrNotFound(Channel channel, MethodDescriptor<Q, R> method, CallOptions options, Q request) {
        ClientCall<Q, R> call = channel.newCall(method, options);
        CompletableFuture<Optional<R>> answer = new CompletableFuture<>();
        try {
            call.start(new ClientCall.Listener<>() {
                private R response;

                @Override
                public void onMessage(R message) {
                    response = message;
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    if (status.isOk() && response != null) {
                        answer.complete(Optional.of(response));
                    } else if (status.getCode() == Status.Code.NOT_FOUND) {
                        answer.complete(Optional.empty());
                    } else {
                        answer.completeExceptionally((status.isOk()
                                ? Status.INTERNAL.withDescription("the server closed the call without a response")
                                : status).asRuntimeException(trailers));
                    }
                }
            }, new Metadata());
            call.request(2); // the response, and a second message the call would then refuse
            call.sendMessage(request);
            call.halfClose();
        } catch (RuntimeException | Error e) {
            call.cancel(null, e);
            throw e;
        }
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw (StatusRuntimeException) e.getCause();
        } catch (InterruptedException e) {
            call.cancel("Thread interrupted", e);
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("Thread interrupted").withCause(e).asRuntimeException();
        }
    }
}
