package dev.castore.api.directory;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * Puts a closure built in memory through one putter of {@code directories}: {@code leavesFirst}
     * in order, a directory that occurs at several paths (the same digest) sent once, and checks
     * that the root committed is {@code root}.
     */
    static void putClosure(DirectoryService directories, List<Directory> leavesFirst, B3Digest root) throws IOException {
        Set<B3Digest> sent = new HashSet<>();
        try (DirectoryPutter putter = directories.putter()) {
            for (Directory d : leavesFirst) {
                if (sent.add(d.digest())) {
                    putter.put(d);
                }
            }
            B3Digest committed = putter.commit();
            if (!committed.equals(root)) {
                throw new IOException("the directory service returned the root " + committed.toHex()
                        + " for the closure of " + root.toHex());
            }
        }
    }
}
