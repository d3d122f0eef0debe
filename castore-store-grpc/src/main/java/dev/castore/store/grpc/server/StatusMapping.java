package dev.castore.store.grpc.server;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.StorageException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The status a failure is answered with, as tvix and snix do: {@link InvalidRequestException}
 * is INVALID_ARGUMENT, {@link StorageException} (corrupt data included) is DATA_LOSS, anything
 * else INTERNAL. The description carries the exception's message.
 */
final class StatusMapping {

    private StatusMapping() {}

    static StatusRuntimeException generic(Throwable cause) {
        if (cause instanceof StatusRuntimeException s) {
            return s;
        }
        Status status = switch (cause) {
            case InvalidRequestException e -> Status.INVALID_ARGUMENT;
            case StorageException e -> Status.DATA_LOSS.withDescription("storage error: " + e.getMessage());
            default -> Status.INTERNAL;
        };
        if (status.getDescription() == null) {
            status = status.withDescription(String.valueOf(cause.getMessage()));
        }
        return status.withCause(cause).asRuntimeException();
    }

    /**
     * NOT_FOUND with {@code description}: an answer, not a failure, so no stack trace is filled in
     * for it (a copy asks about every blob before it sends it, and most are absent from a new
     * target).
     */
    static StatusRuntimeException notFound(String description) {
        return new Answer(Status.NOT_FOUND.withDescription(description));
    }

    /** A status that answers a call: without a stack trace, which would only say where the answer was made. */
    private static final class Answer extends StatusRuntimeException {
        private static final long serialVersionUID = 1L;

        Answer(Status status) {
            super(status);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** INTERNAL with the failure's message, what tvix and snix answer for failed directory gets and invalid puts. */
    static StatusRuntimeException internal(Throwable cause) {
        return Status.INTERNAL.withDescription(String.valueOf(cause.getMessage())).withCause(cause).asRuntimeException();
    }
}
