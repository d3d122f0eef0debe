package dev.castore.api.directory;

import dev.castore.api.model.Directory;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The directories of a closure, read one at a time: {@link #next()} gives the next one, or empty
 * at the end, and throws the {@link IOException} of the store as it is (a missing member, a digest
 * that does not match, a broken connection). Close it, also before its end, to release what it
 * holds (a connection, an open object); closing twice does nothing.
 *
 * <p>{@link #asStream()} adapts it to {@link java.util.stream.Stream} for callers that want one;
 * that is the only place where an {@link IOException} becomes an {@link UncheckedIOException}.
 */
public interface ClosureStream extends Closeable {

    /**
     * The next directory, or empty once every directory was given (and, for stores that check it,
     * the closure was found complete).
     */
    Optional<Directory> next() throws IOException;

    /** Releases what the stream holds. The default does nothing. */
    @Override
    default void close() throws IOException {}

    /** A stream of no directories: what a store answers for a root it does not have. */
    static ClosureStream empty() {
        return Optional::empty;
    }

    /** The directories of {@code closure}, in its order. */
    static ClosureStream of(List<Directory> closure) {
        Iterator<Directory> it = List.copyOf(closure).iterator();
        return () -> it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    /** Every remaining directory, in the stream's order, read to the end. */
    default List<Directory> toList() throws IOException {
        List<Directory> all = new ArrayList<>();
        for (Optional<Directory> d = next(); d.isPresent(); d = next()) {
            all.add(d.get());
        }
        return all;
    }

    /**
     * This stream as a {@link java.util.stream.Stream}, lazily; an {@link IOException} of
     * {@link #next()} is thrown as an {@link UncheckedIOException}, and closing the Stream closes
     * this one.
     */
    default Stream<Directory> asStream() {
        Iterator<Directory> it = new Iterator<>() {
            private Optional<Directory> pending = Optional.empty();
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (pending.isEmpty() && !ended) {
                    try {
                        pending = ClosureStream.this.next();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    ended = pending.isEmpty();
                }
                return pending.isPresent();
            }

            @Override
            public Directory next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Directory d = pending.orElseThrow();
                pending = Optional.empty();
                return d;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
