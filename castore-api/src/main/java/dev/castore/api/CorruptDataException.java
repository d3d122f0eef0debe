package dev.castore.api;

/**
 * Stored or received data does not match its digest, or cannot be decoded. Never served as data:
 * a store throws this instead of returning bytes it could not verify.
 */
public class CorruptDataException extends StorageException {

    public CorruptDataException(String message) {
        super(message);
    }

    public CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
