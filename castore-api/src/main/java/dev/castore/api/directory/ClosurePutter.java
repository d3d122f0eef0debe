package dev.castore.api.directory;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import java.io.IOException;

/**
 * The usual {@link DirectoryPutter}: validates every directory as it arrives with a
 * {@link DirectoryGraph}, and on {@link #commit()} hands the validated closure to the store in
 * one call. Nothing reaches the store before the commit, so an invalid or abandoned closure
 * leaves no trace.
 */
public final class ClosurePutter implements DirectoryPutter {

    /** Stores a validated, non-empty closure. */
    @FunctionalInterface
    public interface ClosureWriter {
        void write(DirectoryGraph.ValidatedClosure closure) throws IOException;
    }

    private final DirectoryGraph graph = new DirectoryGraph();
    private final ClosureWriter writer;
    private boolean closed;

    public ClosurePutter(ClosureWriter writer) {
        this.writer = writer;
    }

    /** A putter that stores the closure through {@code service.put}, leaves first. */
    public static ClosurePutter puttingEach(DirectoryService service) {
        return new ClosurePutter(closure -> {
            for (Directory d : closure.leavesToRoot()) {
                service.put(d);
            }
        });
    }

    @Override
    public synchronized void put(Directory directory) throws IOException {
        if (closed) {
            throw new InvalidRequestException("directory putter already closed");
        }
        graph.add(directory);
    }

    @Override
    public synchronized B3Digest commit() throws IOException {
        if (closed) {
            throw new InvalidRequestException("already closed");
        }
        closed = true;
        DirectoryGraph.ValidatedClosure closure = graph.validate();
        if (closure.root().isEmpty()) {
            throw new InvalidRequestException("got no directories");
        }
        writer.write(closure);
        return closure.root().get();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
