package dev.castore.store.objectstore.directory;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.store.objectstore.backend.LocalFileObjectStore;
import dev.castore.testkit.DirectoryServiceContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The directory contract on {@code file:///...}. */
class LocalFileDirectoryServiceTest extends DirectoryServiceContract {

    @TempDir
    Path root;

    private LocalFileObjectStore store;

    @Override
    protected DirectoryService newDirectoryService() {
        store = new LocalFileObjectStore(root);
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
