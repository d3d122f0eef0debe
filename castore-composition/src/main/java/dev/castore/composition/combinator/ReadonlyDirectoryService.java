package dev.castore.composition.combinator;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.directory.ForwardingDirectoryService;
import dev.castore.api.model.Directory;
import java.io.IOException;

/**
 * A directory service that serves its inner service's reads and refuses {@link #put} and
 * {@link #putter} with an {@link dev.castore.api.InvalidRequestException} naming the instance.
 * The inner service is closed by the composition that built it, not here.
 */
public final class ReadonlyDirectoryService extends ForwardingDirectoryService {

    private final String name;

    public ReadonlyDirectoryService(String name, DirectoryService inner) {
        super(inner);
        this.name = name;
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
