package dev.castore.store.grpc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.blob.FetchBuffers;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.store.grpc.LoopbackServer;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chunks of a blob read through a real server land in a few direct buffers, reused from
 * chunk to chunk, not in an array each; chunks too large to pool still come, in arrays.
 */
class StreamedChunksBuffersTest {

    private LoopbackServer server;
    private GrpcBlobService client;

    @BeforeEach
    void serve() throws Exception {
        server = LoopbackServer.serve(new MemoryBlobService(), new MemoryDirectoryService());
        client = server.blobClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static List<ChunkMeta> chunks(byte[] data, int... sizes) {
        List<ChunkMeta> chunks = new ArrayList<>();
        int at = 0;
        for (int size : sizes) {
            chunks.add(new ChunkMeta(Blake3.hash(ByteBuffer.wrap(data, at, size)), size));
            at += size;
        }
        assertEquals(data.length, at);
        return chunks;
    }

    private static byte[] readThrough(B3Digest digest, List<ChunkMeta> chunks,
            StreamedChunks streamed) throws Exception {
        try (BlobReader reader = new ChunkedBlobReader(digest, chunks, streamed)) {
            return reader.inputStream().readAllBytes();
        }
    }

    @Test
    void chunksGoIntoAFewReusedDirectBuffers() throws Exception {
        int[] sizes = new int[40];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 50_000 + 997 * i;
        }
        byte[] data = Fixtures.randomBytes(7, Arrays.stream(sizes).sum());
        B3Digest digest = Blobs.write(client, data);
        List<ChunkMeta> chunks = chunks(data, sizes);

        StreamedChunks streamed = new StreamedChunks(chunks, () -> client.read(digest), chunk -> {
            throw new AssertionError("a sequential read needs no chunk by itself");
        });
        assertArrayEquals(data, readThrough(digest, chunks, streamed));
        int made = streamed.buffersAllocated();
        assertTrue(made >= 1 && made <= FetchBuffers.DEFAULT_KEEP + 1,
                "40 chunks through " + made + " buffers: the reader's read-ahead and one or two more");

        StreamedChunks one = new StreamedChunks(chunks, () -> client.read(digest), chunk -> null);
        ByteBuffer first = one.fetch(0, chunks.get(0));
        assertTrue(first.isDirect());
        assertEquals(ByteBuffer.wrap(data, 0, sizes[0]), first);
        one.close();
    }

    @Test
    void chunksLargerThanThePoolsComeInArraysOfTheirOwn() throws Exception {
        int large = StreamedChunks.MAX_POOLED_CHUNK + 1;
        byte[] data = Fixtures.randomBytes(8, large + 1000);
        B3Digest digest = Blobs.write(client, data);
        List<ChunkMeta> chunks = chunks(data, 1000, large);
        StreamedChunks streamed = new StreamedChunks(chunks, () -> client.read(digest), chunk -> {
            throw new AssertionError("a sequential read needs no chunk by itself");
        });
        assertArrayEquals(data, readThrough(digest, chunks, streamed));
        assertEquals(-1, streamed.buffersAllocated());
    }
}
