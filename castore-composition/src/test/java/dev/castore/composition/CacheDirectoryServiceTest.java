package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.composition.TestStores.TamperableDirectoryService;
import dev.castore.composition.combinator.CacheDirectoryService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Fixtures;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The contract reads through the cache, whose far store is the damageable one. */
class CacheDirectoryServiceTest extends ReadThroughDirectoryContract {

    @Override
    protected DirectoryService readingFrom(TamperableDirectoryService far) {
        return new CacheDirectoryService(new MemoryDirectoryService(), far);
    }

    @Test
    void aMissCopiesTheWholeClosureIntoNearAndLaterReadsHitNear() throws Exception {
        MemoryDirectoryService near = new MemoryDirectoryService();
        MemoryDirectoryService farStore = holdingClosureOfD();
        CacheDirectoryService cache = new CacheDirectoryService(near, farStore);
        assertEquals(Optional.of(Fixtures.DIRECTORY_D), cache.get(Fixtures.DIRECTORY_D.digest()));
        assertEquals(3, near.size(), "the whole closure was copied into near");
        assertEquals(Optional.of(Fixtures.DIRECTORY_B), near.get(Fixtures.DIRECTORY_B.digest()));
        try (Stream<Directory> s = cache.getRecursive(Fixtures.DIRECTORY_D.digest()).asStream()) {
            assertEquals(List.of(Fixtures.DIRECTORY_D, Fixtures.DIRECTORY_A, Fixtures.DIRECTORY_B), s.toList());
        }
    }

    @Test
    void aMissInBothIsNotCachedAndWritesAreRefused() throws Exception {
        MemoryDirectoryService near = new MemoryDirectoryService();
        CacheDirectoryService cache = new CacheDirectoryService(near, new MemoryDirectoryService());
        assertTrue(cache.get(Fixtures.DIRECTORY_D.digest()).isEmpty());
        assertEquals(0, near.size());
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> cache.put(Fixtures.DIRECTORY_A));
        assertTrue(e.getMessage().contains("unimplemented"), e.getMessage());
        assertThrows(InvalidRequestException.class, cache::putter);
    }
}
