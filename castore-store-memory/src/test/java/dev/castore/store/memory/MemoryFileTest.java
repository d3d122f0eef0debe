package dev.castore.store.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MemoryFileTest {

    @Test
    void extentsAreSpreadOverTheFilesAndReadBackFromAnyThread() throws Exception {
        try (MemoryFile memory = MemoryFile.create("castore-memory-file-test")) {
            SplittableRandom random = new SplittableRandom(3);
            List<byte[]> data = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < 40; i++) {
                byte[] b = new byte[1 + random.nextInt(300_000)];
                random.nextBytes(b);
                data.add(b);
                offsets.add(memory.reserve(b.length));
                total += b.length;
            }
            // Written concurrently, in no particular order, as the store's hashing pool does.
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = data.size() - 1; i >= 0; i--) {
                    int index = i;
                    writes.add(pool.submit(() -> {
                        memory.write(offsets.get(index), ByteBuffer.wrap(data.get(index)));
                        return null;
                    }));
                }
                for (Future<?> w : writes) {
                    w.get();
                }
            }
            Set<Long> files = new HashSet<>();
            for (int i = 0; i < data.size(); i++) {
                ByteBuffer back = ByteBuffer.allocate(data.get(i).length);
                memory.read(offsets.get(i), back);
                assertArrayEquals(data.get(i), back.array(), "extent " + i);
                files.add(offsets.get(i) >>> 48);
            }
            assertEquals(MemoryFile.STRIPES, files.size(), "consecutive extents go to every file in turn");
            assertEquals(total, memory.size());
            memory.release(offsets.get(5), data.get(5).length);
            memory.awaitReleases();
            ByteBuffer released = ByteBuffer.allocate(data.get(5).length);
            memory.read(offsets.get(5), released);
            assertTrue(java.util.Arrays.equals(new byte[data.get(5).length], released.array()), "a released extent reads as zeros");
            ByteBuffer kept = ByteBuffer.allocate(data.get(6).length);
            memory.read(offsets.get(6), kept);
            assertArrayEquals(data.get(6), kept.array(), "its neighbour is intact");
        }
    }

    /**
     * Released extents are freed on a thread of the file's own, which a close waits for: no hole
     * is punched after the files are closed, when their descriptor numbers may be another file's.
     */
    @Test
    void aCloseRightAfterReleasesEndsTheReleasingThreadFirst() throws Exception {
        Set<Thread> before = releasers();
        MemoryFile memory = MemoryFile.create("castore-memory-file-test");
        ByteBuffer mib = ByteBuffer.allocate(1 << 20);
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            offsets.add(memory.append(mib.clear()));
        }
        for (long offset : offsets) {
            memory.release(offset, mib.capacity());
        }
        Set<Thread> releasers = releasers();
        releasers.removeAll(before);
        assertEquals(1, releasers.size(), "one releasing thread: " + releasers);
        memory.close();
        Thread releaser = releasers.iterator().next();
        assertTrue(!releaser.isAlive(), "the releasing thread ended with the close");
        memory.release(offsets.getFirst(), mib.capacity()); // after close: nothing to do, no thread
        memory.awaitReleases();
        assertTrue(!releaser.isAlive());
    }

    private static Set<Thread> releasers() {
        Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(t -> !t.getName().equals("castore-memory-release"));
        return threads;
    }
}
