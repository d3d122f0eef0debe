package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.composition.TestStores.TamperableDirectoryService;
import dev.castore.composition.combinator.ReadonlyDirectoryService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Fixtures;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The contract reads through the read-only service, in front of a damageable store. */
class ReadonlyDirectoryServiceTest extends ReadThroughDirectoryContract {

    @Override
    protected DirectoryService readingFrom(TamperableDirectoryService inner) {
        return new ReadonlyDirectoryService("ro", inner);
    }

    @Test
    void readsPassThroughAndWritesAreRefusedNamingTheInstance() throws Exception {
        MemoryDirectoryService store = holdingClosureOfD();
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
