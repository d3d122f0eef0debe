package dev.castore.composition.combinator;

import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.model.Directory;
import java.io.IOException;

/**
 * Uploads one closure to a cache's far and near services at once. The commit commits far first,
 * so near never holds what far lacks, then near; it succeeds only when both do.
 */
final class WriteThroughPutter implements DirectoryPutter {

    private final DirectoryPutter far;
    private final DirectoryPutter near;

    WriteThroughPutter(DirectoryPutter far, DirectoryPutter near) {
        this.far = far;
        this.near = near;
    }

    @Override
    public void put(Directory directory) throws IOException {
        far.put(directory);
        near.put(directory);
    }

    @Override
    public B3Digest commit() throws IOException {
        B3Digest root = far.commit();
        B3Digest cached = near.commit();
        if (!root.equals(cached)) {
            throw new StorageException("directory cache: far committed the root " + root.toHex() + ", near "
                    + cached.toHex());
        }
        return root;
    }

    /** Closes far, then near even when that fails; a failure of both throws far's with near's suppressed. */
    @Override
    public void close() throws IOException {
        try (near) {
            far.close();
        }
    }
}
