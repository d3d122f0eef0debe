package dev.castore.store.rocksdb.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store does with its files: damage is detected on read, leftovers are removed at open. */
class StoreFilesTest {

    @TempDir
    Path dir;

    private static byte[] random(int seed, int length) {
        byte[] b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
            ch.write(one, offset);
        }
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** What a test does with the database while it holds it. */
    private interface DatabaseCheck {
        void check(StoreDatabase db) throws Exception;
    }

    /** Opens the database in {@code dir}, runs {@code check} on it and releases it. */
    private void opened(DatabaseCheck check) throws Exception {
        StoreDatabase db = StoreDatabase.acquire(dir);
        try {
            check.check(db);
        } finally {
            db.release();
        }
    }

    /** Stores {@code chunk} durably, then releases the database; returns the chunk's digest. */
    private B3Digest storedChunk(byte[] chunk) throws Exception {
        B3Digest digest = Blake3.hash(chunk);
        opened(db -> {
            db.putPart(Family.CHUNKS, digest, chunk, Durability.ON_SYNC);
            db.sync();
        });
        return digest;
    }

    @Test
    void anEmptyChunkIsStoredWithItsSizeWhateverWasWrittenBefore() throws Exception {
        opened(db -> {
            // The first write of a fresh database, then a large one, then an empty one again.
            for (byte[] chunk : List.of(new byte[0], random(5, 300_000), new byte[] {7}, new byte[0])) {
                B3Digest digest = Blake3.hash(chunk);
                db.putPart(Family.CHUNKS, digest, chunk, Durability.ON_SYNC);
                assertArrayEquals(chunk, db.get(Family.CHUNKS, digest).orElseThrow());
                assertEquals(chunk.length, StoreDatabase.size(db.get(Family.SIZES, digest).orElseThrow()));
            }
        });
    }

    @Test
    void aFlippedByteInABlobFileIsDetectedOnReadNeverServed() throws Exception {
        B3Digest digest = storedChunk(random(1, 200_000));
        List<Path> blobFiles = files(".blob");
        assertEquals(1, blobFiles.size(), "a value of 200 KB lives in a blob file");
        flipByte(blobFiles.getFirst(), Files.size(blobFiles.getFirst()) / 2);

        opened(reopened -> {
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> reopened.get(Family.CHUNKS, digest));
            assertTrue(e.getMessage().contains(digest.toHex()), e.getMessage());
        });
    }

    @Test
    void aFlippedByteInATableFileIsDetectedOnReadNeverServed() throws Exception {
        byte[] directory = "a small value, as a directory is".getBytes(StandardCharsets.UTF_8);
        B3Digest digest = Blake3.hash(directory);
        StoreDatabase db = StoreDatabase.acquire(dir);
        db.putPart(Family.DIRECTORIES, digest, directory, Durability.ON_SYNC);
        db.sync();
        List<String> tables = db.tableFiles(Family.DIRECTORIES);
        db.release();
        assertEquals(1, tables.size(), tables.toString());
        // The first data block starts the file and holds the value.
        flipByte(dir.resolve(tables.getFirst()), 20);

        opened(reopened -> assertThrows(CorruptDataException.class, () -> reopened.get(Family.DIRECTORIES, digest)));
    }

    @Test
    void filesAKilledFlushLeftBehindAreRemovedAtOpen() throws Exception {
        byte[] chunk = random(2, 50_000);
        B3Digest digest = storedChunk(chunk);
        List<Path> live = Stream.concat(files(".sst").stream(), files(".blob").stream()).toList();
        Files.write(dir.resolve("999990.sst"), random(3, 4096));
        Files.write(dir.resolve("999991.blob"), random(4, 4096));

        opened(reopened -> {
            assertFalse(Files.exists(dir.resolve("999990.sst")));
            assertFalse(Files.exists(dir.resolve("999991.blob")));
            for (Path p : live) {
                assertTrue(Files.exists(p), p + " is live and stays");
            }
            assertArrayEquals(chunk, reopened.get(Family.CHUNKS, digest).orElseThrow());
        });
    }

    @Test
    void aChunkIsStoredWithItsSizeSoThatItsExistenceNeedsNoRead() throws Exception {
        byte[] chunk = random(5, 300);
        B3Digest digest = Blake3.hash(chunk);
        opened(db -> {
            assertFalse(db.contains(Family.SIZES, digest));
            db.putPart(Family.CHUNKS, digest, chunk, Durability.ON_SYNC);
            assertArrayEquals(new byte[] {(byte) 0xac, 0x02}, db.get(Family.SIZES, digest).orElseThrow(), "300 as a varint");
            assertTrue(db.contains(Family.SIZES, digest));
        });
    }

    @Test
    void servicesOfOneDirectoryShareTheDatabaseAndTheLastReleaseClosesIt() throws Exception {
        StoreDatabase first = StoreDatabase.acquire(dir);
        StoreDatabase second = StoreDatabase.acquire(dir.resolve("x/..").normalize());
        assertTrue(first == second, "one database per directory in a process");
        B3Digest key = Blake3.hash(new byte[] {1});
        first.putAll(Family.DIRECTORIES, Map.of(key, new byte[] {1}));
        first.release();
        assertArrayEquals(new byte[] {1}, second.get(Family.DIRECTORIES, key).orElseThrow(), "still open for the other");
        second.release();
        StoreDatabase again = StoreDatabase.acquire(dir);
        assertTrue(again != first, "released and opened anew");
        assertArrayEquals(new byte[] {1}, again.get(Family.DIRECTORIES, key).orElseThrow());
        again.release();
    }
}
