package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.composition.TestStores.TamperableDirectoryService;
import dev.castore.composition.combinator.ReadonlyDirectoryService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.DirectoryServiceContract;
import dev.castore.testkit.Fixtures;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The read-only service refuses writes, so the contract runs on a view that reads through it and
 * writes to its inner service: everything read is what the read-only service served.
 */
class ReadonlyDirectoryServiceTest extends DirectoryServiceContract {

    private TamperableDirectoryService inner;

    @Override
    protected DirectoryService newDirectoryService() {
        inner = new TamperableDirectoryService();
        ReadonlyDirectoryService readonly = new ReadonlyDirectoryService("ro", inner);
        return TestStores.readingThrough(readonly, inner);
    }

    @Override
    protected void corrupt(DirectoryService service, B3Digest digest) {
        inner.tamper(digest);
    }

    @Test
    void readsPassThroughAndWritesAreRefusedNamingTheInstance() throws Exception {
        MemoryDirectoryService store = new MemoryDirectoryService();
        try (DirectoryPutter p = store.putter()) {
            p.put(Fixtures.DIRECTORY_A);
            p.put(Fixtures.DIRECTORY_B);
            p.put(Fixtures.DIRECTORY_D);
            p.commit();
        }
        ReadonlyDirectoryService readonly = new ReadonlyDirectoryService("pinned", store);

        assertEquals(Optional.of(Fixtures.DIRECTORY_B), readonly.get(Fixtures.DIRECTORY_B.digest()));
        try (Stream<Directory> s = readonly.getRecursive(Fixtures.DIRECTORY_D.digest()).asStream()) {
            assertEquals(List.of(Fixtures.DIRECTORY_D, Fixtures.DIRECTORY_A, Fixtures.DIRECTORY_B), s.toList());
        }

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> readonly.put(Fixtures.DIRECTORY_C));
        assertEquals("directory service 'pinned' is read-only (type readonly): writes are refused", e.getMessage());
        assertThrows(InvalidRequestException.class, readonly::putter);
        assertEquals(3, store.size(), "nothing was written to the inner service");
    }
}
