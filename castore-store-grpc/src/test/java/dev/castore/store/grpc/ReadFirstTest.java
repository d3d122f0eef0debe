package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.store.grpc.client.GrpcBlobService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The client reads a blob before it asks for its chunk list: a small blob costs one call, a Read,
 * verified whole; a large one asks Stat once its first megabyte has come, and the same Read goes
 * on, cut into its chunks when it has some, received whole when it has none. Counted by the server's
 * store, which sees a Read as an open and a Stat as a chunk list.
 */
class ReadFirstTest {

    /** Counts the opens (Reads) and chunk lists (Stats) the server's store is asked for. */
    static final class Counting extends ForwardingBlobService {
        final AtomicInteger opens = new AtomicInteger();
        final AtomicInteger chunkLists = new AtomicInteger();

        Counting(BlobService delegate) {
            super(delegate);
        }

        @Override
        public Optional<BlobReader> open(B3Digest digest) throws IOException {
            opens.incrementAndGet();
            return super.open(digest);
        }

        @Override
        public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
            chunkLists.incrementAndGet();
            return super.chunks(digest);
        }
    }

    @Test
    void aSmallBlobIsOneReadAndAMissingOneNoStat() throws IOException {
        Counting store = new Counting(new FixedChunkBlobService(new MemoryBlobService()));
        byte[] bytes = random(700 * 1024, 1); // three chunks of the store, under the megabyte read first
        B3Digest digest = put(store, bytes);
        try (LoopbackServer server = LoopbackServer.serve(store, new MemoryDirectoryService());
                GrpcBlobService client = server.blobClient()) {
            assertArrayEquals(bytes, read(client, digest));
            assertEquals(1, store.opens.get());
            assertEquals(0, store.chunkLists.get());
            assertEquals(Optional.empty(), client.open(Blake3.hash("absent".getBytes(StandardCharsets.UTF_8))));
            assertEquals(0, store.chunkLists.get());
        }
    }

    @Test
    void aLargeChunkedBlobAsksForItsChunksAndIsCutOutOfTheSameRead() throws IOException {
        Counting store = new Counting(new FixedChunkBlobService(new MemoryBlobService()));
        byte[] bytes = random(5 << 20, 2);
        B3Digest digest = put(store, bytes);
        try (LoopbackServer server = LoopbackServer.serve(store, new MemoryDirectoryService());
                GrpcBlobService client = server.blobClient()) {
            assertArrayEquals(bytes, read(client, digest));
            assertEquals(1, store.chunkLists.get());
            assertEquals(1, store.opens.get(), "the chunks are cut out of the first Read");
        }
    }

    @Test
    void aLargeBlobWithoutChunksGoesOnFromWhereTheReadIs() throws IOException {
        Counting store = new Counting(new MemoryBlobService());
        byte[] bytes = random(5 << 20, 3);
        B3Digest digest = put(store, bytes);
        try (LoopbackServer server = LoopbackServer.serve(store, new MemoryDirectoryService());
                GrpcBlobService client = server.blobClient()) {
            assertArrayEquals(bytes, read(client, digest));
            assertEquals(1, store.chunkLists.get());
            assertEquals(1, store.opens.get());
        }
    }

    @Test
    void aDamagedBlobIsRefusedWhateverItsSize() throws IOException {
        TamperingBlobService store = new TamperingBlobService(new MemoryBlobService());
        B3Digest small = put(store, random(10_000, 4));
        B3Digest large = put(store, random(3 << 20, 5));
        store.tamper(small);
        store.tamper(large);
        try (LoopbackServer server = LoopbackServer.serve(store, new MemoryDirectoryService());
                GrpcBlobService client = server.blobClient()) {
            for (B3Digest d : List.of(small, large)) {
                CorruptDataException e = assertThrows(CorruptDataException.class, () -> client.open(d));
                assertTrue(e.getMessage().startsWith("blob " + d.toHex() + " received with the wrong contents"),
                        e.getMessage());
            }
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static B3Digest put(BlobService store, byte[] bytes) throws IOException {
        try (BlobWriter w = store.openWriter()) {
            w.write(bytes, 0, bytes.length);
            return w.commit();
        }
    }

    private static byte[] read(BlobService client, B3Digest digest) throws IOException {
        try (BlobReader r = client.open(digest).orElseThrow(); InputStream in = r.inputStream()) {
            return in.readAllBytes();
        }
    }
}
