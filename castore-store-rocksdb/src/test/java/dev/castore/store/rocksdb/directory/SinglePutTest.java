package dev.castore.store.rocksdb.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.model.Directory;
import dev.castore.store.rocksdb.db.StoreDatabase;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A single put never makes an incomplete closure visible. */
class SinglePutTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryIsAcceptedAloneOnlyWhenItsChildrenAreStored() throws Exception {
        Directory leaf = Directory.builder().symlink("s", "target").build();
        Directory parent = Directory.builder().directory("leaf", leaf).build();
        try (RocksDbDirectoryService service = new RocksDbDirectoryService(StoreDatabase.acquire(dir))) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> service.put(parent));
            assertTrue(e.getMessage().contains("which is not stored; put the closure with putter()"), e.getMessage());
            assertEquals(Optional.empty(), service.get(parent.digest()));
            service.put(leaf);
            assertEquals(parent.digest(), service.put(parent));
            assertEquals(Optional.of(parent), service.get(parent.digest()));
        }
    }
}
