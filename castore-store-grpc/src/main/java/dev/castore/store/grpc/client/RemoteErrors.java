package dev.castore.store.grpc.client;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.StorageException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Turns a failed call into the api's exceptions, the mirror image of the server's mapping:
 * INVALID_ARGUMENT is the caller's fault ({@link InvalidRequestException}); everything else is the
 * remote store or the connection failing ({@link StorageException}). NOT_FOUND is handled by the
 * callers, for whom it means "absent".
 */
final class RemoteErrors {

    private RemoteErrors() {}

    static IOException toIOException(Throwable t, String target, String what) {
        if (t instanceof IOException io) {
            return io;
        }
        Status status = Status.fromThrowable(t);
        String message = what + " at " + target + " failed: " + status.getCode()
                + (status.getDescription() == null ? "" : ": " + status.getDescription());
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> new InvalidRequestException(message, t);
            case CANCELLED -> Thread.currentThread().isInterrupted()
                    ? (IOException) new InterruptedIOException(message).initCause(t)
                    : new StorageException(message, t);
            default -> new StorageException(message, t);
        };
    }

    static boolean isNotFound(Throwable t) {
        return t instanceof StatusRuntimeException e && e.getStatus().getCode() == Status.Code.NOT_FOUND;
    }
}
