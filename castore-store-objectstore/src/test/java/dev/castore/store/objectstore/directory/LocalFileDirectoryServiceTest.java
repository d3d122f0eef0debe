package dev.castore.store.objectstore.directory;

import dev.castore.store.objectstore.backend.LocalFileObjectStore;
import dev.castore.store.objectstore.spi.ObjectStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The directory contract on {@code file:///...}. */
class LocalFileDirectoryServiceTest extends ObjectStoreDirectoryContract {

    @TempDir
    Path root;

    @Override
    protected ObjectStore newStore() {
        return new LocalFileObjectStore(root);
    }
}
