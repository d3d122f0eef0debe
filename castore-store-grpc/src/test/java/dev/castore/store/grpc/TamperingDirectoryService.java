package dev.castore.store.grpc;

import dev.castore.api.directory.ClosureStream;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** A backend that answers a tampered digest with some other directory, as a broken server would. */
final class TamperingDirectoryService implements DirectoryService {

    private static final Directory IMPOSTOR = Directory.builder().symlink("x", "elsewhere").build();

    private final DirectoryService inner;
    private final Set<B3Digest> tampered = ConcurrentHashMap.newKeySet();

    TamperingDirectoryService(DirectoryService inner) {
        this.inner = inner;
    }

    void tamper(B3Digest digest) {
        tampered.add(digest);
    }

    @Override
    public Optional<Directory> get(B3Digest digest) throws IOException {
        return tampered.contains(digest) ? Optional.of(IMPOSTOR) : inner.get(digest);
    }

    @Override
    public B3Digest put(Directory directory) throws IOException {
        return inner.put(directory);
    }

    @Override
    public ClosureStream getRecursive(B3Digest root) throws IOException {
        ClosureStream s = inner.getRecursive(root);
        if (!tampered.contains(root)) {
            return s;
        }
        return new ClosureStream() {
            @Override
            public Optional<Directory> next() throws IOException {
                return s.next().map(d -> d.digest().equals(root) ? IMPOSTOR : d);
            }

            @Override
            public void close() throws IOException {
                s.close();
            }
        };
    }

    @Override
    public DirectoryPutter putter() throws IOException {
        return inner.putter();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
