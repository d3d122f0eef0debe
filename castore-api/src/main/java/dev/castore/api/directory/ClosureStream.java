package dev.castore.api.directory;

import dev.castore.api.Cursor;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The directories of a closure, read one at a time ({@link Cursor}): {@link #next()} gives the
 * next one, or empty at the end, and throws the {@link IOException} of the store as it is (a
 * missing member, a digest that does not match, a broken connection). Close it, also before its
 * end, to release what it holds (a connection, an open object); closing twice does nothing.
 */
public interface ClosureStream extends Cursor<Directory> {

    /**
     * The next directory, or empty once every directory was given (and, for stores that check it,
     * the closure was found complete).
     */
    @Override
    Optional<Directory> next() throws IOException;

    /** A stream of no directories: what a store answers for a root it does not have. */
    static ClosureStream empty() {
        return Optional::empty;
    }

    /** The directories of {@code closure}, in its order. */
    static ClosureStream of(List<Directory> closure) {
        Cursor<Directory> directories = Cursor.of(closure);
        return directories::next;
    }
}
