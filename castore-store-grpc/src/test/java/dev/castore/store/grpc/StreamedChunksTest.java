package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ByteBufferBlobReader;
import dev.castore.api.blob.ForwardingBlobReader;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chunked blob read through the gRPC client: its chunks cut out of one Read of the whole blob,
 * each verified; a seek falls back to a Read per chunk; a server whose bytes do not add up to its
 * chunk list fails the read; closing a reader early cancels the Read.
 */
class StreamedChunksTest {

    private static final int CHUNKS = 6;

    /** Counts the backend's opens, by digest, and the closes of the readers it hands out. */
    private static final class Counting extends ForwardingBlobService {
        final Map<B3Digest, AtomicInteger> opens = new ConcurrentHashMap<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile UnaryOperator<byte[]> damage;

        Counting(BlobService inner) {
            super(inner);
        }

        @Override
        public Optional<BlobReader> open(B3Digest digest) throws IOException {
            opens.computeIfAbsent(digest, d -> new AtomicInteger()).incrementAndGet();
            Optional<BlobReader> reader = super.open(digest);
            UnaryOperator<byte[]> d = damage;
            if (reader.isPresent() && d != null && !super.chunks(digest).orElseThrow().isEmpty()) {
                try (InputStream in = reader.get().inputStream()) {
                    return Optional.of(ByteBufferBlobReader.of(d.apply(in.readAllBytes())));
                }
            }
            return reader.map(r -> new ForwardingBlobReader(r) {
                @Override
                public void close() throws IOException {
                    super.close();
                    closed.countDown();
                }
            });
        }

        int opens(B3Digest digest) {
            AtomicInteger n = opens.get(digest);
            return n == null ? 0 : n.get();
        }
    }

    private Counting backend;
    private LoopbackServer server;
    private BlobService client;
    private byte[] data;
    private B3Digest digest;

    @BeforeEach
    void serve() throws Exception {
        backend = new Counting(new FixedChunkBlobService(new MemoryBlobService()));
        server = LoopbackServer.serve(backend, new MemoryDirectoryService());
        client = server.blobClient();
        data = Fixtures.randomBytes(61, CHUNKS * FixedChunkBlobService.CHUNK - 1234);
        digest = Blobs.write(client, data);
        assertEquals(CHUNKS, client.chunks(digest).orElseThrow().size());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void aSequentialReadIsOneReadOfTheWholeBlob() throws Exception {
        assertArrayEquals(data, Blobs.readAll(client, digest));
        assertEquals(1, backend.opens(digest), "one Read of the blob");
        for (var chunk : client.chunks(digest).orElseThrow()) {
            assertEquals(0, backend.opens(chunk.digest()), "no Read of chunk " + chunk.digest().toHex());
        }
    }

    @Test
    void aSeekReadsTheChunksFromThereByThemselves() throws Exception {
        try (BlobReader r = client.open(digest).orElseThrow()) {
            ByteBuffer head = ByteBuffer.allocate(100);
            r.read(head);
            assertArrayEquals(Arrays.copyOf(data, 100), head.array());
            long at = 4L * FixedChunkBlobService.CHUNK + 10;
            r.position(at);
            byte[] rest = r.inputStream().readAllBytes();
            assertArrayEquals(Arrays.copyOfRange(data, (int) at, data.length), rest);
            r.position(0);
            assertArrayEquals(data, r.inputStream().readAllBytes(), "and back to the start");
        }
        var chunks = client.chunks(digest).orElseThrow();
        assertTrue(backend.opens(chunks.get(5).digest()) >= 1, "the chunks after the seek were read by themselves");
    }

    @Test
    void aServerWhoseBytesDoNotAddUpToItsChunkListFailsTheRead() throws Exception {
        backend.damage = bytes -> Arrays.copyOf(bytes, bytes.length - 1);
        CorruptDataException shorter = assertThrows(CorruptDataException.class, () -> Blobs.readAll(client, digest));
        assertTrue(shorter.getMessage().contains("ended 1 bytes before the end of chunk"), shorter.getMessage());
        backend.damage = bytes -> Arrays.copyOf(bytes, bytes.length + 5);
        CorruptDataException longer = assertThrows(CorruptDataException.class, () -> Blobs.readAll(client, digest));
        assertTrue(longer.getMessage().contains("more bytes than the chunk list"), longer.getMessage());
        backend.damage = bytes -> {
            bytes[3 * FixedChunkBlobService.CHUNK + 7] ^= 1;
            return bytes;
        };
        CorruptDataException flipped = assertThrows(CorruptDataException.class, () -> Blobs.readAll(client, digest));
        assertTrue(flipped.getMessage().contains("chunk contents invalid"), flipped.getMessage());
        assertTrue(flipped.getMessage().startsWith("blob " + digest.toHex() + ", chunk 4 of "), flipped.getMessage());
    }

    @Test
    void closingAReaderEarlyCancelsTheRead() throws Exception {
        try (BlobReader r = client.open(digest).orElseThrow()) {
            r.read(ByteBuffer.allocate(10));
        }
        assertTrue(backend.closed.await(10, TimeUnit.SECONDS), "the server closed its reader of the blob");
    }
}
