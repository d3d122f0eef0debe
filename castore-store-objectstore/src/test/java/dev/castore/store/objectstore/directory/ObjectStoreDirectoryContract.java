package dev.castore.store.objectstore.directory;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.store.objectstore.spi.ObjectStore;
import dev.castore.testkit.DirectoryServiceContract;

/**
 * The directory contract on an object store, the same for every backend: a subclass gives the
 * store (memory, local files, an S3 server). Only closure roots are served, and a closure is
 * damaged by flipping a bit of its stored root frame.
 */
public abstract class ObjectStoreDirectoryContract extends DirectoryServiceContract {

    private ObjectStore store;

    /** A new, empty object store for one test. */
    protected abstract ObjectStore newStore() throws Exception;

    @Override
    protected final DirectoryService newDirectoryService() throws Exception {
        store = newStore();
        return new ObjectStoreDirectoryService(store);
    }

    @Override
    protected boolean servesOnlyRoots() {
        return true;
    }

    @Override
    protected void corrupt(DirectoryService service, B3Digest digest) throws Exception {
        DirectoryCorruption.flipABit(store, digest);
    }
}
