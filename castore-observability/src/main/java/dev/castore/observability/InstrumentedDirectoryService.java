package dev.castore.observability;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.Optional;

/**
 * A directory service whose every operation is counted, timed (see {@link LatencySampler}) and
 * traced under its instance: {@code get}, {@code put}, {@code get_recursive} (until its stream
 * ends, fails or is closed) and {@code put_closure} (from {@code putter} to the commit). Behaviour
 * is the inner store's.
 */
final class InstrumentedDirectoryService implements DirectoryService {

    private final DirectoryService inner;
    private final OperationMeters get;
    private final OperationMeters put;
    private final OperationMeters getRecursive;
    private final OperationMeters putClosure;

    InstrumentedDirectoryService(DirectoryService inner, InstanceRecorder recorder) {
        this.inner = inner;
        this.get = recorder.operation("get");
        this.put = recorder.operation("put");
        this.getRecursive = recorder.operation("get_recursive");
        this.putClosure = recorder.operation("put_closure");
    }

    @Override
    public Optional<Directory> get(B3Digest digest) throws IOException {
        return get.run(() -> inner.get(digest));
    }

    @Override
    public B3Digest put(Directory directory) throws IOException {
        return put.run(() -> inner.put(directory));
    }

    @Override
    public ClosureStream getRecursive(B3Digest root) throws IOException {
        Operation op = getRecursive.begin();
        return op.call(() -> new TimedClosureStream(inner.getRecursive(root), op));
    }

    @Override
    public DirectoryPutter putter() throws IOException {
        Operation op = putClosure.begin();
        return op.call(() -> new TimedPutter(inner.putter(), op));
    }

    @Override
    public void checkWritable() throws IOException {
        inner.checkWritable();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    @Override
    public String toString() {
        return inner.toString();
    }

    /** A closure read whose operation ends with the stream: at its end, on an error, or when closed. */
    private record TimedClosureStream(ClosureStream inner, Operation op) implements ClosureStream {
        @Override
        public Optional<Directory> next() throws IOException {
            return op.call(() -> {
                Optional<Directory> d = inner.next();
                if (d.isEmpty()) {
                    op.succeed();
                }
                return d;
            });
        }

        @Override
        public void close() throws IOException {
            try {
                inner.close();
            } finally {
                op.succeed();
            }
        }
    }

    /** A closure put whose operation ends at the commit; closed without one, it is not counted. */
    private record TimedPutter(DirectoryPutter inner, Operation op) implements DirectoryPutter {
        @Override
        public void put(Directory directory) throws IOException {
            op.run(() -> inner.put(directory));
        }

        @Override
        public B3Digest commit() throws IOException {
            return op.call(() -> {
                B3Digest root = inner.commit();
                op.succeed();
                return root;
            });
        }

        @Override
        public void close() throws IOException {
            try (Operation.Scope ignored = op.enter()) {
                inner.close();
            } finally {
                op.abandon();
            }
        }
    }
}
