package dev.castore.api;

import java.io.IOException;

/**
 * The caller asked for something a store cannot do as asked: a putter closed twice or with
 * nothing in it, a write to a read-only store, an operation the store does not support.
 * gRPC servers answer it with INVALID_ARGUMENT.
 */
public class InvalidRequestException extends IOException {

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
