package dev.castore.store.objectstore.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.blob.FetchBuffers;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.backend.LocalFileObjectStore;
import dev.castore.store.objectstore.backend.MemoryObjectStore;
import dev.castore.store.objectstore.layout.ObjectKeys;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The direct buffers a reader's chunks are fetched into: reused once handed back, never served twice at once. */
class ChunkFetcherBuffersTest {

    @TempDir
    Path root;

    /** A blob written into a service, and its chunk list. */
    private record Stored(ObjectStoreBlobService service, byte[] data, B3Digest digest, List<ChunkMeta> chunks) {
        static Stored of(ObjectStoreBlobService service, byte[] data) throws Exception {
            B3Digest digest = Blobs.write(service, data);
            return new Stored(service, data, digest, service.chunks(digest).orElseThrow());
        }

        ObjectStoreChunkFetcher fetcher() {
            return new ObjectStoreChunkFetcher(service, digest, chunks);
        }

        byte[] chunk(int index) {
            return chunkOf(data, chunks, index);
        }
    }

    private ObjectStoreBlobService localService() {
        return new ObjectStoreBlobService(new LocalFileObjectStore(root), 65_536);
    }

    private static byte[] chunkOf(byte[] blob, List<ChunkMeta> chunks, int index) {
        long start = 0;
        for (int i = 0; i < index; i++) {
            start += chunks.get(i).size();
        }
        return Arrays.copyOfRange(blob, (int) start, (int) (start + chunks.get(index).size()));
    }

    private static byte[] bytesOf(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void aLocalStoresRawChunksAreReadIntoOneDirectBufferOnceTheReaderHandsItBack() throws Exception {
        Stored stored = Stored.of(localService(), Fixtures.randomBytes(41, 4 << 20));
        List<ChunkMeta> chunks = stored.chunks();
        ObjectStoreChunkFetcher fetcher = stored.fetcher();

        ByteBuffer first = fetcher.fetch(0, chunks.get(0));
        assertTrue(first.isDirect(), "read into the fetcher's direct buffer");
        assertArrayEquals(stored.chunk(0), bytesOf(first));
        ByteBuffer second = fetcher.fetch(1, chunks.get(1));
        assertNotSame(first, second, "a buffer not handed back is never filled again");
        assertArrayEquals(stored.chunk(0), bytesOf(first), "and keeps its chunk");
        fetcher.release(first);
        ByteBuffer third = fetcher.fetch(2, chunks.get(2));
        assertSame(first, third, "the buffer handed back holds the next chunk");
        assertArrayEquals(stored.chunk(2), bytesOf(third));
        assertEquals(2, fetcher.allocated());
        fetcher.release(ByteBuffer.allocateDirect(12_345)); // not one of the fetcher's: ignored
        fetcher.release(ByteBuffer.allocate(first.capacity()));
        fetcher.release(second);
        fetcher.release(third);
        assertSame(third, fetcher.fetch(3, chunks.get(3)), "the buffer handed back last is filled first");
        assertSame(second, fetcher.fetch(4, chunks.get(4)));
        assertEquals(2, fetcher.allocated());
    }

    @Test
    void aWholeReadServesEveryByteFromAFewBuffers() throws Exception {
        Stored stored = Stored.of(localService(), Fixtures.randomBytes(42, 8 << 20));
        List<ChunkMeta> chunks = stored.chunks();
        assertTrue(chunks.size() > 10 * FetchBuffers.DEFAULT_KEEP, chunks.size() + " chunks");
        for (boolean transfer : new boolean[] {true, false}) {
            ObjectStoreChunkFetcher fetcher = stored.fetcher();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ChunkedBlobReader reader = new ChunkedBlobReader(stored.digest(), chunks, fetcher)) {
                if (transfer) {
                    reader.transferTo(Channels.newChannel(out));
                } else {
                    reader.inputStream().transferTo(out);
                }
            }
            assertArrayEquals(stored.data(), out.toByteArray(), transfer ? "transferTo" : "read");
            assertTrue(fetcher.allocated() <= FetchBuffers.DEFAULT_KEEP,
                    fetcher.allocated() + " buffers for " + chunks.size() + " chunks");
        }
    }

    @Test
    void compressedChunksAndStoresOfArraysLeaveTheBufferToTheNextChunk() throws Exception {
        byte[] text = "castore keeps file trees by their digests. ".repeat(50_000).getBytes(StandardCharsets.US_ASCII);
        for (boolean local : new boolean[] {true, false}) {
            ObjectStoreBlobService service = new ObjectStoreBlobService(
                    local ? new LocalFileObjectStore(root.resolve("text")) : new MemoryObjectStore("memory:///"), 65_536);
            Stored stored = Stored.of(service, local ? text : Fixtures.randomBytes(43, 2 << 20));
            List<ChunkMeta> chunks = stored.chunks();
            assertTrue(chunks.size() > 3, chunks.size() + " chunks");
            ObjectStoreChunkFetcher fetcher = stored.fetcher();
            for (int i = 0; i < chunks.size(); i++) {
                ByteBuffer chunk = fetcher.fetch(i, chunks.get(i));
                assertFalse(chunk.isDirect(), local ? "decompressed into an array" : "the store's array");
                assertArrayEquals(stored.chunk(i), bytesOf(chunk));
            }
            assertEquals(local ? 1 : 0, fetcher.allocated(),
                    local ? "the unused buffer went back for the next chunk" : "a store of arrays gets no buffer");
        }
    }

    @Test
    void aDamagedChunkInTheBufferIsRefusedAndItsBufferReused() throws Exception {
        Stored stored = Stored.of(localService(), Fixtures.randomBytes(44, 2 << 20));
        List<ChunkMeta> chunks = stored.chunks();
        Path file = root.resolve(ObjectKeys.chunk(chunks.get(1).digest()));
        byte[] object = Files.readAllBytes(file);
        object[object.length / 2] ^= 1;
        Files.write(file, object);
        try (ChunkedBlobReader reader = new ChunkedBlobReader(stored.digest(), chunks, stored.fetcher(), 0)) {
            assertThrows(CorruptDataException.class, () -> reader.inputStream().readAllBytes());
        }
        Files.write(file, new byte[] {1, 2, 3}); // not zstd at all
        ObjectStoreChunkFetcher again = stored.fetcher();
        assertThrows(CorruptDataException.class, () -> again.fetch(1, chunks.get(1)));
        assertArrayEquals(stored.chunk(2), bytesOf(again.fetch(2, chunks.get(2))));
        assertEquals(1, again.allocated(), "the buffer of the failed fetch was taken back");
    }
}
