package dev.castore.store.bigtable;

import com.google.api.core.ApiFuture;
import com.google.cloud.bigtable.data.v2.models.Row;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.BreadthFirstTraversal;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The lookup of one recursive get: when a directory arrives, the reads of its children start, in
 * the order the breadth-first traversal will ask for them, at most {@link #MAX_AHEAD} at a time.
 * A closure then costs about one round trip per level instead of one per directory.
 *
 * <p>Each digest is read at most once; the traversal asks for every digest it is handed here
 * exactly once too, so no read is left over. Used by one traversal on one thread.
 */
final class PrefetchingLookup implements BreadthFirstTraversal.Lookup {

    /** Reads in flight ahead of the traversal. */
    static final int MAX_AHEAD = 32;

    /** Waits for a read and turns its row into a verified directory. */
    @FunctionalInterface
    interface RowResolver {
        Optional<Directory> resolve(B3Digest digest, ApiFuture<Row> read) throws IOException;
    }

    private final Function<B3Digest, ApiFuture<Row>> read;
    private final RowResolver resolver;
    private final Map<B3Digest, ApiFuture<Row>> inFlight = new HashMap<>();
    private final ArrayDeque<B3Digest> next = new ArrayDeque<>();
    private final Set<B3Digest> requested = new HashSet<>();

    PrefetchingLookup(Function<B3Digest, ApiFuture<Row>> read, RowResolver resolver) {
        this.read = read;
        this.resolver = resolver;
    }

    @Override
    public Optional<Directory> get(B3Digest digest) throws IOException {
        requested.add(digest);
        ApiFuture<Row> row = inFlight.remove(digest);
        if (row == null) {
            next.remove(digest);
            row = read.apply(digest);
        }
        Optional<Directory> directory;
        try {
            directory = resolver.resolve(digest, row);
        } catch (IOException | RuntimeException e) {
            // The traversal ends here: reads started for it are of no use any more.
            inFlight.values().forEach(f -> f.cancel(true));
            inFlight.clear();
            throw e;
        }
        directory.ifPresent(this::queueChildren);
        fill();
        return directory;
    }

    private void queueChildren(Directory directory) {
        for (Directory.Entry<DirectoryNode> e : directory.directories()) {
            if (requested.add(e.node().digest())) {
                next.add(e.node().digest());
            }
        }
    }

    private void fill() {
        while (inFlight.size() < MAX_AHEAD && !next.isEmpty()) {
            B3Digest d = next.poll();
            inFlight.put(d, read.apply(d));
        }
    }
}
