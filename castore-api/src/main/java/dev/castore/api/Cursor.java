package dev.castore.api;

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
 * Items a store reads one at a time: {@link #next()} gives the next one, or empty at the end, and
 * throws the {@link IOException} of the store as it is (a broken connection, damaged data). Close
 * it, also before its end, to release what it holds (a connection, an open iterator); closing
 * twice does nothing.
 *
 * <p>{@link #asStream()} adapts it to {@link java.util.stream.Stream} for callers that want one;
 * that is the only place where an {@link IOException} becomes an {@link UncheckedIOException}.
 *
 * @param <T> what it gives
 */
public interface Cursor<T> extends Closeable {

    /** The next item, or empty once every item was given. */
    Optional<T> next() throws IOException;

    /** Releases what the cursor holds. The default does nothing. */
    @Override
    default void close() throws IOException {}

    /** Every remaining item, in the cursor's order, read to the end. */
    default List<T> toList() throws IOException {
        List<T> all = new ArrayList<>();
        for (Optional<T> item = next(); item.isPresent(); item = next()) {
            all.add(item.get());
        }
        return all;
    }

    /**
     * This cursor as a {@link java.util.stream.Stream}, lazily; an {@link IOException} of
     * {@link #next()} is thrown as an {@link UncheckedIOException}, and closing the Stream closes
     * this cursor.
     */
    default Stream<T> asStream() {
        Iterator<T> it = new Iterator<>() {
            private Optional<T> pending = Optional.empty();
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (pending.isEmpty() && !ended) {
                    try {
                        pending = Cursor.this.next();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    ended = pending.isEmpty();
                }
                return pending.isPresent();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T item = pending.orElseThrow();
                pending = Optional.empty();
                return item;
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

    /** A cursor over {@code items}, in their order. */
    static <T> Cursor<T> of(List<T> items) {
        Iterator<T> it = List.copyOf(items).iterator();
        return () -> it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }
}
