package dev.castore.store.rocksdb.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * RocksDB's Java objects do not check whether they were closed: a call after the last release
 * must fail with an error naming the store, and the release must wait for calls in flight (a
 * reader's read-ahead) instead of freeing the database under them.
 */
class ClosedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void callsAfterTheLastReleaseFailInsteadOfReadingFreedMemory() throws Exception {
        byte[] chunk = new byte[4096];
        new SplittableRandom(3).nextBytes(chunk);
        B3Digest d = Blake3.hash(chunk);
        StoreDatabase db = StoreDatabase.acquire(dir);
        db.putChunk(d, chunk, 0, chunk.length, null);
        assertArrayEquals(chunk, db.chunk(d).orElseThrow());
        db.release();

        StorageException e = assertThrows(StorageException.class, () -> db.chunk(d));
        assertEquals(dir + ": the store is closed", e.getMessage());
        assertThrows(StorageException.class, () -> db.contains(Family.SIZES, d));
        assertThrows(StorageException.class, () -> db.putChunk(d, chunk, 0, chunk.length, null));
        assertThrows(StorageException.class, db::sync);
    }

    @Test
    @Timeout(60) // the readers stop only when refused
    void theLastReleaseWaitsForTheReadsInFlight() throws Exception {
        List<B3Digest> stored = new ArrayList<>();
        StoreDatabase db = StoreDatabase.acquire(dir);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 64; i++) {
            byte[] chunk = new byte[16_384];
            random.nextBytes(chunk);
            B3Digest d = Blake3.hash(chunk);
            db.putChunk(d, chunk, 0, chunk.length, null);
            stored.add(d);
        }
        // Readers read until the store is released under them: each read returns its chunk whole
        // or fails with the closed store's error; none crashes the process.
        CountDownLatch reading = new CountDownLatch(4);
        AtomicInteger read = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            readers.add(Thread.ofPlatform().start(() -> {
                reading.countDown();
                for (int round = 0; ; round++) {
                    B3Digest d = stored.get(round % stored.size());
                    try {
                        if (!Blake3.hash(db.chunk(d).orElseThrow()).equals(d)) {
                            throw new AssertionError("chunk " + d.toHex() + " read wrong");
                        }
                        read.incrementAndGet();
                    } catch (StorageException e) {
                        refused.incrementAndGet();
                        return;
                    }
                }
            }));
        }
        reading.await();
        db.release();
        for (Thread t : readers) {
            t.join();
        }
        assertTrue(read.get() > 0, "reads before the release");
        assertEquals(4, refused.get(), "every reader ends with the closed store's error");
    }
}
