package dev.castore.store.rocksdb.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.StorageException;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a store is made: a new or empty directory, never among other files. */
class NewStoreTest {

    private static final byte[] VALUE = "a directory".getBytes(StandardCharsets.UTF_8);
    private static final B3Digest KEY = Blake3.hash(VALUE);

    @TempDir
    Path dir;

    private static Set<String> names(Path directory) throws Exception {
        try (Stream<Path> s = Files.list(directory)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    /** Makes or opens the store at {@code store}, stores one value and reads it back. */
    private static void storeOne(Path store) throws Exception {
        StoreDatabase db = StoreDatabase.acquire(store);
        try {
            db.put(Family.DIRECTORIES, KEY, VALUE, Durability.ON_COMMIT);
            assertArrayEquals(VALUE, db.get(Family.DIRECTORIES, KEY).orElseThrow());
        } finally {
            db.release();
        }
    }

    @Test
    void noStoreIsMadeAmongOtherFiles() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        for (String name : List.of("notes.txt", "photos", "b.txt", "a.txt")) {
            if (name.contains(".")) {
                Files.writeString(home.resolve(name), name);
            } else {
                Files.createDirectory(home.resolve(name));
            }
        }
        StorageException e = assertThrows(StorageException.class, () -> StoreDatabase.acquire(home));
        assertEquals("there is no store at " + home + ", and it holds other files (a.txt, b.txt, notes.txt, ...):"
                + " a store is made only in a new or empty directory; name one", e.getMessage());
        assertEquals(Set.of("notes.txt", "photos", "b.txt", "a.txt"), names(home));
    }

    @Test
    void noStoreIsMadeInPlaceOfAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "text");
        StorageException e = assertThrows(StorageException.class, () -> StoreDatabase.acquire(file));
        assertEquals("there is no store at " + file + ", and it is not a directory: a store is a directory of its own;"
                + " name a new or empty one", e.getMessage());
        assertEquals("text", Files.readString(file));
    }

    @Test
    void aStoreIsMadeInANewOrEmptyDirectory() throws Exception {
        storeOne(dir.resolve("new/parents/too"));
        storeOne(Files.createDirectories(dir.resolve("empty")));
        Path mount = Files.createDirectories(dir.resolve("mount/lost+found")).getParent();
        storeOne(mount);
        assertTrue(StoreDatabase.exists(mount));
    }

    @Test
    void anOpenThatStoppedBeforeTheStoreWasWholeIsTakenUpAgain() throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        // What RocksDB writes before CURRENT.
        for (String name : List.of("LOCK", "LOG", "LOG.old.1733500000000000", "IDENTITY", "MANIFEST-000001",
                "000001.dbtmp", "OPTIONS-000007.dbtmp")) {
            Files.writeString(store.resolve(name), "");
        }
        Files.createDirectory(store.resolve("packs"));
        assertFalse(StoreDatabase.exists(store));
        storeOne(store);
        assertTrue(StoreDatabase.exists(store));
    }

    @Test
    void aStoreWithOtherFilesBesideItStillOpens() throws Exception {
        Path store = dir.resolve("store");
        storeOne(store);
        Files.writeString(store.resolve("README"), "the castore store of this machine");
        StoreDatabase db = StoreDatabase.acquire(store);
        try {
            assertArrayEquals(VALUE, db.get(Family.DIRECTORIES, KEY).orElseThrow());
        } finally {
            db.release();
        }
    }
}
