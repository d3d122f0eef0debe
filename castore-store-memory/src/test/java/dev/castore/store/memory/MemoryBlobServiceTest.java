package dev.castore.store.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.testkit.BlobListingContract;
import dev.castore.testkit.BlobServiceContract;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The testkit's blob and listing suites, and what is particular to memory. */
class MemoryBlobServiceTest extends BlobServiceContract implements BlobListingContract {

    @Override
    protected BlobService newBlobService() {
        return new MemoryBlobService();
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) throws Exception {
        // Flip one byte of the second segment where it is kept.
        MemoryBlobService memory = (MemoryBlobService) service;
        long offset = memory.stored(digest).offsets()[1] + 7;
        ByteBuffer b = ByteBuffer.allocate(1);
        memory.memory().read(offset, b);
        b.put(0, (byte) (b.get(0) ^ 1)).rewind();
        memory.memory().overwrite(offset, b);
    }

    @Test
    void aBlobStoredTwiceTakesItsMemoryOnce() throws Exception {
        MemoryBlobService memory = (MemoryBlobService) service;
        byte[] data = Fixtures.randomBytes(3, 3 * MemoryBlobService.SEGMENT_SIZE + 10);
        Blobs.write(memory, data);
        long used = memory.memory().size();
        Blobs.write(memory, data);
        assertEquals(used, memory.memory().size() - 3L * MemoryBlobService.SEGMENT_SIZE,
                "a second write appends its full segments as it goes, but not its last one");
        assertEquals(1, memory.size());
    }

    /** Readers read segments into buffers they hand back, which the next reads take again. */
    @Test
    void readersReuseTheBuffersTheyReadSegmentsInto() throws Exception {
        MemoryBlobService memory = (MemoryBlobService) service;
        int segments = 32;
        byte[] data = Fixtures.randomBytes(5, segments * MemoryBlobService.SEGMENT_SIZE - 3);
        B3Digest digest = Blobs.write(memory, data);
        for (int round = 0; round < 3; round++) {
            assertArrayEquals(data, Blobs.readAll(memory, digest), "round " + round);
        }
        int allocated = memory.segmentBuffersAllocated();
        assertTrue(allocated > 0 && allocated <= 2 * dev.castore.api.blob.FetchBuffers.DEFAULT_KEEP,
                allocated + " buffers for a write and three reads of " + segments + " segments");
    }

    @Test
    void concurrentWritersOfTheSameSmallBlobsLeaveEveryStoredBlobIntact() throws Exception {
        MemoryBlobService memory = (MemoryBlobService) service;
        int threads = 8;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<List<byte[]>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<byte[]> mine = new ArrayList<>();
                    for (int round = 0; round < 300; round++) {
                        byte[] own = ("thread " + thread + " round " + round).getBytes();
                        Blobs.write(memory, own);
                        mine.add(own);
                        together.await();
                        byte[] shared = ("the same for all in round " + round).getBytes();
                        Blobs.write(memory, shared);
                        mine.add(shared);
                    }
                    return mine;
                }));
            }
            for (java.util.concurrent.Future<List<byte[]>> f : results) {
                for (byte[] own : f.get()) {
                    assertArrayEquals(own, Blobs.readAll(memory, dev.castore.api.digest.Blake3.hash(own)));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeletedBlobIsGoneAndTheOthersStay() throws Exception {
        MemoryBlobService store = (MemoryBlobService) service;
        B3Digest kept = Blobs.write(store, Fixtures.BLOB_B);
        B3Digest deleted = Blobs.write(store, Fixtures.randomBytes(22, 700 * 1024));
        store.deletion().orElseThrow().delete(deleted);
        store.delete(deleted);
        assertEquals(1, store.size());
        assertEquals(java.util.Optional.empty(), store.open(deleted));
        assertArrayEquals(Fixtures.BLOB_B, Blobs.readAll(store, kept));
    }

    /** A channel that returns at most {@code step} bytes per read, as a pipe or a short read would. */
    private static ReadableByteChannel trickle(byte[] data, int step) {
        ReadableByteChannel whole = Channels.newChannel(new ByteArrayInputStream(data));
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                ByteBuffer part = dst.slice(dst.position(), Math.min(dst.remaining(), step));
                int n = whole.read(part);
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void writeFromReadsIntoTheSegmentsAndStoresTheSameBlobAsWrite() throws Exception {
        int segment = MemoryBlobService.SEGMENT_SIZE;
        for (int size : new int[] {0, 1, segment - 1, segment, segment + 1, 3 * segment, 3 * segment + 5, 5 * segment - 3}) {
            for (int step : new int[] {1000, segment, 3 * segment}) {
                byte[] data = Fixtures.randomBytes(size + step, size);
                List<Long> counts = new ArrayList<>();
                B3Digest digest;
                try (BlobWriter writer = service.openWriter()) {
                    assertEquals(size, writer.writeFrom(trickle(data, step), ByteBuffer.allocateDirect(4096 * 3), counts::add));
                    digest = writer.commit();
                }
                String what = size + " bytes read " + step + " at a time";
                assertEquals(Blake3.hash(data), digest, what);
                assertEquals(size, counts.stream().mapToLong(Long::longValue).sum(), what);
                assertArrayEquals(data, Blobs.readAll(service, digest), what);
            }
        }
    }
}
