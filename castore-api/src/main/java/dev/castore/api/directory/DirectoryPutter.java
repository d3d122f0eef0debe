package dev.castore.api.directory;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import java.io.IOException;

/**
 * Uploads a closure of directories, leaves first and root last: every directory may refer only to
 * directories put before it (an unknown reference or a wrong size is rejected by {@link #put} or
 * at the latest by {@link #commit()}). All-or-nothing: nothing is visible before the commit.
 */
public interface DirectoryPutter extends AutoCloseable {

    /**
     * Adds the next directory of the closure. Fails with {@link dev.castore.api.InvalidRequestException}
     * after the commit.
     */
    void put(Directory directory) throws IOException;

    /**
     * Validates the closure (a single root, nothing missing), stores it and returns the root's
     * digest. Fails with {@link dev.castore.api.InvalidRequestException} when nothing was put
     * ("got no directories") or when already committed ("already closed").
     */
    B3Digest commit() throws IOException;

    /** Releases resources; discards the closure unless it was committed. */
    @Override
    void close() throws IOException;
}
