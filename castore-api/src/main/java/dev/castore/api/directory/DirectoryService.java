package dev.castore.api.directory;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.Optional;

/**
 * Stores directories, each addressed by the BLAKE3 of its canonical encoding.
 *
 * <p>Some stores keep whole closures and serve only digests that were the root of a put
 * (the object store); the others serve any directory they hold. Implementations are thread-safe.
 */
public interface DirectoryService extends AutoCloseable {

    /** The directory, verified against {@code digest}, or empty when it is not stored. */
    Optional<Directory> get(B3Digest digest) throws IOException;

    /**
     * Stores one directory and returns its digest. Stores that keep closures accept only
     * directories without child directories here; use {@link #putter()} for a closure.
     */
    B3Digest put(Directory directory) throws IOException;

    /**
     * The closure of {@code root}: root first, then breadth-first, children in name order, each
     * distinct directory once. An empty stream when the root is not stored. A missing or invalid
     * member fails {@link ClosureStream#next()} with an {@link IOException}. Close the stream.
     */
    ClosureStream getRecursive(B3Digest root) throws IOException;

    /** A putter for a closure sent leaves first, root last. */
    DirectoryPutter putter() throws IOException;

    /**
     * Fails, saying why, while the store refuses every write until it is opened again (see
     * {@link dev.castore.api.blob.BlobService#checkWritable()}). The default does nothing.
     */
    default void checkWritable() throws IOException {}

    /** Releases the store's resources. The default does nothing. */
    @Override
    default void close() throws IOException {}
}
