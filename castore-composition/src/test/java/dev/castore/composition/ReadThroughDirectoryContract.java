package dev.castore.composition;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.composition.TestStores.TamperableDirectoryService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.DirectoryServiceContract;
import dev.castore.testkit.Fixtures;
import java.io.IOException;

/**
 * The directory contract on a service that refuses writes (a cache, a read-only view) in front of
 * one damageable store: the contract runs on a view that reads through the service and writes to
 * the store behind it, so everything read is what the service served.
 */
abstract class ReadThroughDirectoryContract extends DirectoryServiceContract {

    private TamperableDirectoryService inner;

    /** The service under test, reading from {@code inner}. */
    protected abstract DirectoryService readingFrom(TamperableDirectoryService inner);

    @Override
    protected final DirectoryService newDirectoryService() {
        inner = new TamperableDirectoryService();
        return TestStores.readingThrough(readingFrom(inner), inner);
    }

    /** A memory store holding the closure of {@link Fixtures#DIRECTORY_D} (D, A and B), put as a client puts it. */
    static MemoryDirectoryService holdingClosureOfD() throws IOException {
        MemoryDirectoryService store = new MemoryDirectoryService();
        try (DirectoryPutter p = store.putter()) {
            p.put(Fixtures.DIRECTORY_A);
            p.put(Fixtures.DIRECTORY_B);
            p.put(Fixtures.DIRECTORY_D);
            p.commit();
        }
        return store;
    }

    @Override
    protected void corrupt(DirectoryService service, B3Digest digest) {
        inner.tamper(digest);
    }
}
