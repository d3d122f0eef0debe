package dev.castore.api.model;

/**
 * A directory, name, symlink target or closure that breaks the rules of the data model: bad
 * names, wrong order, duplicates, bad digest lengths, malformed encoding, an unknown or wrongly
 * sized child, a closure with several roots or missing members.
 */
public class InvalidDirectoryException extends IllegalArgumentException {

    public InvalidDirectoryException(String message) {
        super(message);
    }

    public InvalidDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
