package dev.castore.store.objectstore.directory;

import dev.castore.store.objectstore.spi.ObjectStore;

/** Opens the package-private test helpers of this package to tests in other packages. */
public final class DirectoryServiceAccess {

    private DirectoryServiceAccess() {}

    public static ObjectStoreDirectoryService directoryService(ObjectStore store) {
        return new ObjectStoreDirectoryService(store);
    }
}
