package dev.castore.store.objectstore.directory;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.store.objectstore.backend.MemoryObjectStore;
import dev.castore.testkit.DirectoryServiceContract;

/** The directory contract on {@code memory:///}. */
class MemoryObjectStoreDirectoryServiceTest extends DirectoryServiceContract {

    private MemoryObjectStore store;

    @Override
    protected DirectoryService newDirectoryService() {
        store = new MemoryObjectStore("memory:///");
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
