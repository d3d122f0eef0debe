package dev.castore.api;

import java.io.IOException;

/** The backend of a store failed: I/O, the network, the remote service. gRPC servers answer it with DATA_LOSS. */
public class StorageException extends IOException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
