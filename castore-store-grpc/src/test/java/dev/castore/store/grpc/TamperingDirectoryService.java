package dev.castore.store.grpc;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.directory.ForwardingDirectoryService;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A backend that answers a tampered digest with some other directory, as a broken server would. */
final class TamperingDirectoryService extends ForwardingDirectoryService {

    private static final Directory IMPOSTOR = Directory.builder().symlink("x", "elsewhere").build();

    private final Set<B3Digest> tampered = ConcurrentHashMap.newKeySet();

    TamperingDirectoryService(DirectoryService inner) {
        super(inner);
    }

    void tamper(B3Digest digest) {
        tampered.add(digest);
    }

    @Override
    public Optional<Directory> get(B3Digest digest) throws IOException {
        return tampered.contains(digest) ? Optional.of(IMPOSTOR) : super.get(digest);
    }

    @Override
    public ClosureStream getRecursive(B3Digest root) throws IOException {
        ClosureStream s = super.getRecursive(root);
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
    public void close() throws IOException {
        delegate().close();
    }
}
