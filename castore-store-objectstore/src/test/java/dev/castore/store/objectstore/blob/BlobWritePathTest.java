package dev.castore.store.objectstore.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.backend.CountingObjectStore;
import dev.castore.store.objectstore.backend.MemoryObjectStore;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the object store does on the wire for writes and reads: dedup, concurrency, seeks. */
class BlobWritePathTest {

    private final CountingObjectStore store = new CountingObjectStore(new MemoryObjectStore("memory:///"));
    private final ObjectStoreBlobService service = new ObjectStoreBlobService(store, 65_536);

    @Test
    void existingChunksAndIndexAreNotUploadedAgain() throws Exception {
        byte[] data = Fixtures.randomBytes(11, 2 * 1024 * 1024);
        B3Digest d = Blobs.write(service, data);
        int chunks = service.chunks(d).orElseThrow().size();
        assertEquals(chunks + 1, store.calls("PUT ").size(), "every chunk and the index once");
        store.calls.clear();
        assertEquals(d, Blobs.write(service, data, 77_777));
        assertEquals(List.of(), store.calls("PUT "), "a second write of the same blob uploads nothing");
        assertEquals(chunks + 1, store.calls("HEAD ").size(), "it only asks whether each chunk and the index exist");
    }

    @Test
    void uploadsRunConcurrentlyButBounded() throws Exception {
        Blobs.write(service, Fixtures.randomBytes(12, 4 * 1024 * 1024), 1 << 20);
        int max = store.maxPutsRunning.get();
        assertTrue(max > 1, "chunks are uploaded concurrently (saw " + max + ")");
        assertTrue(max <= ObjectStoreBlobService.UPLOADS_IN_FLIGHT, "at most " + ObjectStoreBlobService.UPLOADS_IN_FLIGHT
                + " uploads at once (saw " + max + ")");
    }

    @Test
    void chunksAreUploadedOnPlatformThreadsEvenForAWriterOnAVirtualOne() throws Exception {
        // A put may wait in native code (the file store's write), which would hold a carrier. The
        // chunk list is put by the committing thread itself (the file store hands its write over).
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            virtual.submit(() -> Blobs.write(service, Fixtures.randomBytes(17, 1024 * 1024))).get();
        }
        assertTrue(store.calls("PUT chunks/").size() > 4, "the blob was cut into chunks: " + store.calls("PUT "));
        assertEquals(List.of(), store.putsOnVirtualThreads.stream().filter(k -> k.startsWith("chunks/")).toList());
    }

    @Test
    void theUploadsOfManyWritersShareABoundedNumberOfThreads() throws Exception {
        // PUTs that wait until released: each writer fills its uploads in flight, the service its threads.
        CountDownLatch release = new CountDownLatch(1);
        CountingObjectStore held = new CountingObjectStore(new MemoryObjectStore("memory:///"));
        held.holdPutsUntil(release);
        ObjectStoreBlobService shared = new ObjectStoreBlobService(held, 65_536);
        int writers = ObjectStoreBlobService.UPLOAD_THREADS / ObjectStoreBlobService.UPLOADS_IN_FLIGHT + 2;
        List<byte[]> data = new ArrayList<>();
        List<Future<B3Digest>> written = new ArrayList<>();
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int i = 0; i < writers; i++) {
                    byte[] bytes = Fixtures.randomBytes(200 + i, 2 * 1024 * 1024);
                    data.add(bytes);
                    written.add(virtual.submit(() -> Blobs.write(shared, bytes)));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (held.putsRunning() < ObjectStoreBlobService.UPLOAD_THREADS && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(200); // time for more to start, were there more threads
                assertEquals(ObjectStoreBlobService.UPLOAD_THREADS, held.maxPutsRunning.get(),
                        writers + " writers of " + ObjectStoreBlobService.UPLOADS_IN_FLIGHT + " uploads each");
            } finally {
                release.countDown();
            }
            for (int i = 0; i < writers; i++) {
                assertArrayEquals(data.get(i), Blobs.readAll(shared.open(written.get(i).get()).orElseThrow()));
            }
        }
    }

    @Test
    void theArraysChunksAreFramedInAreReusedAcrossChunksAndBlobs() throws Exception {
        // Chunks of 16 to 256 KiB: most frames come from the pool (shared by the services of this
        // chunk size in the JVM), and the writer allocates at most one per upload in flight.
        byte[] first = Fixtures.randomBytes(18, 6 * 1024 * 1024);
        byte[] second = Fixtures.randomBytes(19, 6 * 1024 * 1024);
        int before = service.frames().allocated();
        B3Digest a = Blobs.write(service, first);
        B3Digest b = Blobs.write(service, second);
        int allocated = service.frames().allocated() - before;
        assertTrue(allocated <= ObjectStoreBlobService.UPLOADS_IN_FLIGHT, allocated + " frames allocated for about 190 chunks");
        assertTrue(service.frames().waiting() > 0, "the frames went back to the pool");
        assertArrayEquals(first, Blobs.readAll(service, a), "a reused frame leaves the chunks stored before it alone");
        assertArrayEquals(second, Blobs.readAll(service, b));
    }

    @Test
    void indexIsWrittenLast() throws Exception {
        B3Digest d = Blobs.write(service, Fixtures.randomBytes(13, 1024 * 1024));
        List<String> puts = store.calls("PUT ");
        assertEquals("PUT blobs/b3/" + d.toHex().substring(0, 4) + "/" + d.toHex(), puts.getLast());
        assertTrue(puts.subList(0, puts.size() - 1).stream().allMatch(p -> p.startsWith("PUT chunks/")));
    }

    @Test
    void aSeekFetchesOnlyTheChunkItNeeds() throws Exception {
        byte[] data = Fixtures.randomBytes(14, 3 * 1024 * 1024);
        B3Digest d = Blobs.write(service, data);
        List<ChunkMeta> chunks = service.chunks(d).orElseThrow();
        assertTrue(chunks.size() > 10);
        long middle = 0;
        for (int i = 0; i < chunks.size() / 2; i++) {
            middle += chunks.get(i).size();
        }
        store.calls.clear();
        try (BlobReader r = service.open(d).orElseThrow()) {
            r.position(middle + 5);
            ByteBuffer one = ByteBuffer.allocate(1);
            assertEquals(1, r.read(one));
            assertEquals(data[(int) middle + 5], one.get(0));
        }
        List<String> chunkGets = store.calls("GET chunks/").stream()
                .filter(c -> !c.endsWith(d.toHex())).toList();
        int wanted = chunks.size() / 2;
        assertTrue(chunkGets.stream().anyMatch(g -> g.endsWith(chunks.get(wanted).digest().toHex())), chunkGets.toString());
        // The chunks after it may be read ahead; nothing before it is fetched.
        List<String> allowed = chunks.subList(wanted, wanted + 1 + ChunkedBlobReader.DEFAULT_READ_AHEAD).stream()
                .map(c -> c.digest().toHex()).toList();
        assertTrue(chunkGets.stream().allMatch(g -> allowed.stream().anyMatch(g::endsWith)), chunkGets.toString());
    }

    @Test
    void aTamperedChunkListIsNotServedAsTheBlob() throws Exception {
        byte[] data = Fixtures.randomBytes(16, 1024 * 1024);
        B3Digest d = Blobs.write(service, data);
        List<ChunkMeta> chunks = service.chunks(d).orElseThrow();
        String indexKey = "blobs/b3/" + d.toHex().substring(0, 4) + "/" + d.toHex();
        List<ChunkMeta> reordered = new java.util.ArrayList<>(chunks);
        java.util.Collections.swap(reordered, 0, 1);
        for (List<ChunkMeta> tampered : List.of(reordered, chunks.subList(0, chunks.size() - 1))) {
            store.put(indexKey, dev.castore.api.blob.ChunkIndex.encode(tampered));
            try (BlobReader r = service.open(d).orElseThrow()) {
                CorruptDataException e = assertThrows(CorruptDataException.class, () -> Blobs.readAll(r));
                assertTrue(e.getMessage().contains("the chunk list is damaged"), e.getMessage());
            }
        }
    }

    @Test
    void aCorruptedChunkIsReportedWithItsKey() throws Exception {
        byte[] data = Fixtures.randomBytes(15, 1024 * 1024);
        B3Digest d = Blobs.write(service, data);
        String key = StoreCorruption.flipAByteOfTheFirstChunk(service, d);
        try (BlobReader r = service.open(d).orElseThrow()) {
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> Blobs.readAll(r));
            // Where, then which chunk of which blob, each said once.
            int count = service.chunks(d).orElseThrow().size();
            assertTrue(e.getMessage().contains(key + ": blob " + d.toHex() + ", chunk 1 of " + count
                    + ": chunk contents invalid"), e.getMessage());
            assertEquals(e.getMessage().indexOf(d.toHex()), e.getMessage().lastIndexOf(d.toHex()), e.getMessage());
        }
        B3Digest firstChunk = service.chunks(d).orElseThrow().getFirst().digest();
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> service.open(firstChunk));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void aSingleChunkBlobIsNotVisibleBeforeCommit() throws Exception {
        byte[] data = Fixtures.randomBytes(16, 100_000);
        try (var w = service.openWriter()) {
            w.write(data, 0, data.length);
            assertEquals(List.of(), store.calls("PUT "), "nothing is uploaded before the commit");
        }
        assertFalse(service.has(dev.castore.api.digest.Blake3.hash(data)));
    }

    @Test
    void onAStoreWhoseHeadIsARequestNewDataIsPutWithFewHeads() throws Exception {
        CountingObjectStore remote = new CountingObjectStore(new MemoryObjectStore("memory:///"), true);
        ObjectStoreBlobService s3Like = new ObjectStoreBlobService(remote, 65_536);
        byte[] data = Fixtures.randomBytes(21, 8 * 1024 * 1024);
        B3Digest d = Blobs.write(s3Like, data);
        int chunks = s3Like.chunks(d).orElseThrow().size();
        assertTrue(chunks >= 64, "chunks: " + chunks);
        assertEquals(chunks, remote.calls("PUT chunks/").size(), "every chunk is put once");
        int heads = remote.calls("HEAD chunks/").size();
        // The first ones are asked about until MISSES_TO_SKIP have missed (those in flight by then
        // too), then one in PROBE_EVERY.
        int most = ObjectHeads.MISSES_TO_SKIP + ObjectStoreBlobService.UPLOADS_IN_FLIGHT + chunks / ObjectHeads.PROBE_EVERY + 1;
        assertTrue(heads <= most, heads + " HEADs for " + chunks + " new chunks, at most " + most + " expected");
        assertTrue(heads >= chunks / ObjectHeads.PROBE_EVERY, "the probes still ask: " + heads);
        assertArrayEquals(data, Blobs.readAll(s3Like.open(d).orElseThrow()));

        // The same service again: it still skips most HEADs until a probe finds a chunk, then asks about each.
        remote.calls.clear();
        assertEquals(d, Blobs.write(s3Like, data, 77_777));
        int putAgain = remote.calls("PUT chunks/").size();
        int wasted = ObjectHeads.PROBE_EVERY + ObjectStoreBlobService.UPLOADS_IN_FLIGHT;
        assertTrue(putAgain <= wasted, putAgain + " chunks the store had were put again, at most " + wasted + " expected");
        assertTrue(remote.calls("HEAD chunks/").size() >= chunks - wasted, "asked about the rest");

        // A service that has learnt nothing yet asks about every chunk of a blob the store has.
        remote.calls.clear();
        ObjectStoreBlobService fresh = new ObjectStoreBlobService(remote, 65_536);
        assertEquals(d, Blobs.write(fresh, data, 77_777));
        assertEquals(List.of(), remote.calls("PUT "), "every HEAD finds its object, nothing is put");
        assertEquals(chunks, remote.calls("HEAD chunks/").size());
    }

    @Test
    void onAStoreWhoseHeadIsARequestSmallBlobsOfNewDataShareWhatTheHeadsFound() throws Exception {
        // Each small blob is one chunk and its chunk list: too few objects to learn from alone.
        CountingObjectStore remote = new CountingObjectStore(new MemoryObjectStore("memory:///"), true);
        ObjectStoreBlobService s3Like = new ObjectStoreBlobService(remote, 65_536);
        int blobs = 200;
        List<byte[]> files = new java.util.ArrayList<>();
        List<B3Digest> digests = new java.util.ArrayList<>();
        for (int i = 0; i < blobs; i++) {
            files.add(Fixtures.randomBytes(100 + i, 1000 + 37 * i));
            digests.add(Blobs.write(s3Like, files.get(i)));
        }
        assertEquals(blobs, remote.calls("PUT chunks/").size(), "each chunk once");
        assertEquals(blobs, remote.calls("PUT blobs/").size(), "each chunk list once");
        int heads = remote.calls("HEAD ").size();
        int most = ObjectHeads.MISSES_TO_SKIP + ObjectStoreBlobService.UPLOADS_IN_FLIGHT + 2 * blobs / ObjectHeads.PROBE_EVERY + 1;
        assertTrue(heads <= most, heads + " HEADs for " + 2 * blobs + " new objects, at most " + most + " expected");
        for (int i = 0; i < blobs; i++) {
            assertArrayEquals(files.get(i), Blobs.readAll(s3Like.open(digests.get(i)).orElseThrow()));
        }
    }

    @Test
    void onAStoreWhoseHeadIsARequestAProbeThatFindsAChunkGoesBackToAsking() throws Exception {
        CountingObjectStore remote = new CountingObjectStore(new MemoryObjectStore("memory:///"), true);
        ObjectStoreBlobService s3Like = new ObjectStoreBlobService(remote, 65_536);
        byte[] known = Fixtures.randomBytes(22, 4 * 1024 * 1024);
        Blobs.write(s3Like, known);
        // New data first, then the stored blob's bytes: its chunks (but the first, cut elsewhere)
        // are in the store.
        byte[] fresh = Fixtures.randomBytes(23, 4 * 1024 * 1024);
        byte[] both = new byte[fresh.length + known.length];
        System.arraycopy(fresh, 0, both, 0, fresh.length);
        System.arraycopy(known, 0, both, fresh.length, known.length);
        java.util.Set<String> stored = remote.calls("PUT chunks/").stream().collect(java.util.stream.Collectors.toSet());
        remote.calls.clear();
        B3Digest d = Blobs.write(s3Like, both);
        long putAgain = remote.calls("PUT chunks/").stream().filter(stored::contains).count();
        // Until a probe finds one of them: at most PROBE_EVERY, and the uploads in flight meanwhile.
        int most = ObjectHeads.PROBE_EVERY + ObjectStoreBlobService.UPLOADS_IN_FLIGHT;
        assertTrue(putAgain <= most, putAgain + " chunks the store had were put again, at most " + most + " expected");
        assertArrayEquals(both, Blobs.readAll(s3Like.open(d).orElseThrow()));
    }

    @Test
    void aStoreWhoseHeadIsALookupIsAskedAboutEveryChunk() throws Exception {
        byte[] data = Fixtures.randomBytes(24, 4 * 1024 * 1024);
        B3Digest d = Blobs.write(service, data);
        assertEquals(service.chunks(d).orElseThrow().size(), store.calls("HEAD chunks/").size());
    }
}
