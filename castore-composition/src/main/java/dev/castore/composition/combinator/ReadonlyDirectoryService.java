package dev.castore.composition.combinator;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.Optional;

/**
 * A directory service that serves its inner service's reads and refuses {@link #put} and
 * {@link #putter} with an {@link dev.castore.api.InvalidRequestException} naming the instance.
 * The inner service is closed by the composition that built it, not here.
 */
public final class ReadonlyDirectoryService implements DirectoryService {

    private final String name;
    private final DirectoryService inner;

    public ReadonlyDirectoryService(String name, DirectoryService inner) {
        this.name = name;
        this.inner = inner;
    }

    @Override
    public Optional<Directory> get(B3Digest digest) throws IOException {
        return inner.get(digest);
    }

    @Override
    public ClosureStream getRecursive(B3Digest root) throws IOException {
        return inner.getRecursive(root);
    }

    @Override
    public B3Digest put(Directory directory) throws IOException {
        throw ReadonlyBlobService.refused("directory", name);
    }

    @Override
    public DirectoryPutter putter() throws IOException {
        throw ReadonlyBlobService.refused("directory", name);
    }
}
