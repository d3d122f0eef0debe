package dev.castore.store.objectstore.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileObjectStoreTest {

    @Test
    void anObjectIsVisibleAtOnceAndUnderItsKeyOnlyOnceSynced(@TempDir Path root) throws Exception {
        LocalFileObjectStore store = new LocalFileObjectStore(root);
        byte[] data = {1, 2, 3};
        store.put("chunks/b3/abcd/abcd", data);
        assertEquals(Optional.of(3L), store.head("chunks/b3/abcd/abcd"));
        assertArrayEquals(data, store.get("chunks/b3/abcd/abcd").orElseThrow().readAllBytes());
        assertEquals(List.of("chunks/b3/abcd/abcd"), store.list("chunks/").toList());
        assertFalse(Files.exists(root.resolve("chunks/b3/abcd/abcd")), "not in place before a sync");

        store.sync();
        assertArrayEquals(data, Files.readAllBytes(root.resolve("chunks/b3/abcd/abcd")));
        assertEquals(0, store.stagedCount());
        assertEquals(List.of(), Files.list(root.resolve(LocalFileObjectStore.STAGING)).toList());
        assertArrayEquals(data, store.get("chunks/b3/abcd/abcd").orElseThrow().readAllBytes());
    }

    @Test
    void aFailedWriteIsSaidInWordsWithThePathItFailedOn(@TempDir Path root) throws Exception {
        LocalFileObjectStore store = new LocalFileObjectStore(root);
        Files.writeString(root.resolve("chunks"), "a file where the store's directory should be");
        dev.castore.api.StorageException e = assertThrows(dev.castore.api.StorageException.class,
                () -> store.put("chunks/b3/0000/x", new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().startsWith("cannot write " + root.resolve("chunks/b3/0000/x") + " (staged as "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("): " + root.resolve("chunks/b3") + ": Not a directory"), e.getMessage());
        assertFalse(e.getMessage().contains("java.nio"), e.getMessage());
    }

    @Test
    void aRangeOfAnArrayIsStoredAsAnObjectOfItsOwn(@TempDir Path root) throws Exception {
        LocalFileObjectStore store = new LocalFileObjectStore(root);
        byte[] data = {9, 9, 1, 2, 3, 4, 9};
        store.put("chunks/b3/abcd/abcd", data, 2, 4);
        data[3] = 7; // the caller reuses its array once the put returned
        byte[] expected = {1, 2, 3, 4};
        assertArrayEquals(expected, store.get("chunks/b3/abcd/abcd").orElseThrow().readAllBytes());
        store.sync();
        assertArrayEquals(expected, Files.readAllBytes(root.resolve("chunks/b3/abcd/abcd")));
        assertThrows(IndexOutOfBoundsException.class, () -> store.put("chunks/b3/abcd/x", data, 5, 3));
    }

    @Test
    void aKeysDirectoryIsMadeByThePutAndAgainBySyncWhenItWasRemoved(@TempDir Path root) throws Exception {
        LocalFileObjectStore store = new LocalFileObjectStore(root);
        store.put("chunks/b3/abcd/abcd", new byte[] {1});
        store.put("chunks/b3/ef01/ef01", new byte[] {2});
        assertTrue(Files.isDirectory(root.resolve("chunks/b3/abcd")), "made before the sync, which renames into it");
        Files.delete(root.resolve("chunks/b3/ef01"));

        store.sync();
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(root.resolve("chunks/b3/abcd/abcd")));
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(root.resolve("chunks/b3/ef01/ef01")));
        assertEquals(List.of(), Files.list(root.resolve(LocalFileObjectStore.STAGING)).toList());
    }

    @Test
    void concurrentPutsAndSyncsLoseNothing(@TempDir Path root) throws Exception {
        LocalFileObjectStore store = new LocalFileObjectStore(root);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    // Every object twice, as concurrent writers of the same content do.
                    store.put("o/" + (n % 200), new byte[] {(byte) (n % 200)});
                    if (n % 7 == 0) {
                        store.sync();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            store.sync();
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 200; i++) {
            assertArrayEquals(new byte[] {(byte) i}, Files.readAllBytes(root.resolve("o/" + i)));
        }
        assertEquals(0, store.stagedCount());
    }

    @Test
    void staleStagedFilesAreRemovedWhenTheStoreOpensAndFreshOnesKept(@TempDir Path root) throws Exception {
        Path staging = Files.createDirectories(root.resolve(LocalFileObjectStore.STAGING));
        Path stale = Files.write(staging.resolve("123-1"), new byte[10]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(LocalFileObjectStore.STALE_AFTER).minusSeconds(60)));
        Path fresh = Files.write(staging.resolve("456-1"), new byte[10]);
        new LocalFileObjectStore(root);
        assertFalse(Files.exists(stale), "left by a crashed writer long ago");
        assertTrue(Files.exists(fresh), "may belong to a writer that is still running");
    }

    @Test
    void getBytesReadsAnObjectStagedOrInPlaceUpToTheLimit(@TempDir Path root) throws Exception {
        LocalFileObjectStore store = new LocalFileObjectStore(root);
        byte[] data = new byte[100_000];
        new java.util.SplittableRandom(7).nextBytes(data);
        store.put("chunks/b3/abcd/abcd", data);
        assertArrayEquals(data, store.getBytes("chunks/b3/abcd/abcd", 1 << 20).orElseThrow(), "staged");
        store.sync();
        assertArrayEquals(data, store.getBytes("chunks/b3/abcd/abcd", 1 << 20).orElseThrow(), "in place");
        assertArrayEquals(java.util.Arrays.copyOf(data, 1000), store.getBytes("chunks/b3/abcd/abcd", 1000).orElseThrow(),
                "a longer object: its first bytes, for the caller to refuse");
        assertEquals(Optional.empty(), store.getBytes("chunks/b3/ffff/ffff", 1000));
    }

    @Test
    void getBytesReadsIntoTheScratchBufferWhenTheObjectFits(@TempDir Path root) throws Exception {
        LocalFileObjectStore store = new LocalFileObjectStore(root);
        byte[] data = new byte[100_000];
        new java.util.SplittableRandom(8).nextBytes(data);
        store.put("chunks/b3/abcd/abcd", data);
        for (boolean synced : new boolean[] {false, true}) {
            if (synced) {
                store.sync();
            }
            java.nio.ByteBuffer scratch = java.nio.ByteBuffer.allocateDirect(100_000).position(500);
            java.nio.ByteBuffer got = store.getBytes("chunks/b3/abcd/abcd", 1 << 20, scratch).orElseThrow();
            assertTrue(got == scratch, "the scratch buffer itself");
            assertEquals(0, got.position());
            assertEquals(java.nio.ByteBuffer.wrap(data), got);
            java.nio.ByteBuffer small = java.nio.ByteBuffer.allocateDirect(99_999);
            java.nio.ByteBuffer larger = store.getBytes("chunks/b3/abcd/abcd", 1 << 20, small).orElseThrow();
            assertTrue(larger != small, "an object larger than the buffer comes in a new one");
            assertEquals(java.nio.ByteBuffer.wrap(data), larger);
            assertEquals(java.nio.ByteBuffer.wrap(data, 0, 1000),
                    store.getBytes("chunks/b3/abcd/abcd", 1000, scratch).orElseThrow(), "up to the limit");
        }
        assertEquals(Optional.empty(), store.getBytes("chunks/b3/ffff/ffff", 1000, java.nio.ByteBuffer.allocateDirect(10)));
    }

    @Test
    void headFindsAnObjectStagedOrInPlaceAndNothingForAMissingOne(@TempDir Path root) throws Exception {
        LocalFileObjectStore store = new LocalFileObjectStore(root);
        assertEquals(Optional.empty(), store.head("chunks/b3/abcd/abcd"), "nothing put yet");
        store.put("chunks/b3/abcd/abcd", new byte[1234]);
        assertEquals(Optional.of(1234L), store.head("chunks/b3/abcd/abcd"), "staged");
        store.sync();
        assertEquals(Optional.of(1234L), store.head("chunks/b3/abcd/abcd"), "in place");
        assertEquals(Optional.empty(), store.head("chunks/b3/abce/abce"), "another key, in a directory that exists");
        assertEquals(Optional.empty(), store.head("chunks/b3/ffff/ffff"), "another key, in a directory that does not");
    }

    @Test
    void headOfAKeyThatCannotBeStatedIsAnErrorNotAMissingObject(@TempDir Path root) throws Exception {
        LocalFileObjectStore store = new LocalFileObjectStore(root);
        // A file where the key's directory would be: stat fails with ENOTDIR, which is no answer.
        Files.write(root.resolve("chunks"), new byte[1]);
        org.junit.jupiter.api.Assertions.assertThrows(dev.castore.api.StorageException.class,
                () -> store.head("chunks/b3/abcd/abcd"));
    }

    /** Flushes through the file system, failing the data flushes while {@code failing} is above 0. */
    private static LocalFileObjectStore.Flusher failingFlushes(java.util.concurrent.atomic.AtomicInteger failing) {
        return new LocalFileObjectStore.Flusher() {
            @Override
            public void flush(Path anyDirectory, java.util.Collection<Path> files) throws java.io.IOException {
                if (failing.getAndDecrement() > 0) {
                    throw new java.io.IOException("Input/output error");
                }
                FileSystemSync.flush(anyDirectory, files);
            }

            @Override
            public void flushDirectories(Path anyDirectory, java.util.Collection<Path> directories)
                    throws java.io.IOException {
                FileSystemSync.flushDirectories(anyDirectory, directories);
            }
        };
    }

    @Test
    void afterAFailedSyncNoObjectOfItsBatchIsMovedIntoPlaceAndTheStoreTakesNoMoreWrites(@TempDir Path root)
            throws Exception {
        // Linux reports a failed writeback once and may report the next sync successful, the bytes
        // it could not write dropped: this device fails one flush, then succeeds.
        LocalFileObjectStore store = new LocalFileObjectStore(root,
                failingFlushes(new java.util.concurrent.atomic.AtomicInteger(1)));
        store.put("chunks/b3/abcd/abcd", new byte[] {1, 2, 3});
        store.checkWritable();
        dev.castore.api.StorageException failed = assertThrows(dev.castore.api.StorageException.class, store::sync);
        assertTrue(failed.getMessage().contains("Input/output error"), failed.getMessage());
        dev.castore.api.StorageException again = assertThrows(dev.castore.api.StorageException.class, store::sync,
                "a later sync is not trusted");
        assertTrue(again.getMessage().contains("refuses writes until it is opened again"), again.getMessage());
        assertThrows(dev.castore.api.StorageException.class, () -> store.put("chunks/b3/ef01/ef01", new byte[] {4}));
        assertFalse(Files.exists(root.resolve("chunks/b3/abcd/abcd")), "never moved into place");
        // What a daemon's readiness asks, of the store and of the services on it.
        assertEquals(again.getMessage(), assertThrows(dev.castore.api.StorageException.class, store::checkWritable)
                .getMessage());
        var blobs = new dev.castore.store.objectstore.blob.ObjectStoreBlobService(store, 1 << 16);
        var directories = new dev.castore.store.objectstore.directory.ObjectStoreDirectoryService(store);
        assertThrows(dev.castore.api.StorageException.class, blobs::checkWritable);
        assertThrows(dev.castore.api.StorageException.class, directories::checkWritable);
        assertThrows(dev.castore.api.StorageException.class, blobs::close, "closing syncs, which it refuses too");

        LocalFileObjectStore reopened = new LocalFileObjectStore(root);
        assertEquals(Optional.empty(), reopened.head("chunks/b3/abcd/abcd"));
        reopened.checkWritable();
        reopened.put("chunks/b3/abcd/abcd", new byte[] {1, 2, 3});
        reopened.sync();
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(root.resolve("chunks/b3/abcd/abcd")));
    }

    @Test
    void twoStoresOfOneDirectoryInOneProcessStageSideBySide(@TempDir Path root) throws Exception {
        // The blob and the directory store of objectstore+file://ROOT, each putting before a sync.
        LocalFileObjectStore blobs = new LocalFileObjectStore(root);
        LocalFileObjectStore directories = new LocalFileObjectStore(root);
        blobs.put("blobs/b3/abcd/abcd", new byte[] {1});
        directories.put("dirs/b3/abcd/abcd", new byte[] {2});
        blobs.sync();
        directories.sync();
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(root.resolve("blobs/b3/abcd/abcd")));
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(root.resolve("dirs/b3/abcd/abcd")));
    }
}
