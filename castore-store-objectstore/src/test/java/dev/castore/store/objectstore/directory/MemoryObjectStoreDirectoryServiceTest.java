package dev.castore.store.objectstore.directory;

import dev.castore.store.objectstore.backend.MemoryObjectStore;
import dev.castore.store.objectstore.spi.ObjectStore;

/** The directory contract on {@code memory:///}. */
class MemoryObjectStoreDirectoryServiceTest extends ObjectStoreDirectoryContract {

    @Override
    protected ObjectStore newStore() {
        return new MemoryObjectStore("memory:///");
    }
}
