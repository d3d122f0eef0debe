package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.digest.B3Digest;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Blobs;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's Read sends a blob from an array of 16 KiB, and one of 256 KiB once the blob fills
 * that: a small file's Read allocates (and zeroes) a small array, not one of the largest
 * message's size. Seen on the wire, message by message.
 */
class ReadMessageSizesTest {

    private static final String READ = "snix.castore.v1.BlobService/Read";
    private static final MemoryBlobService BLOBS = new MemoryBlobService();
    private static LoopbackServer server;
    private static RawWire wire;

    @BeforeAll
    static void start() throws Exception {
        server = LoopbackServer.serve(BLOBS, new MemoryDirectoryService());
        wire = new RawWire(server.server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        wire.close();
        server.close();
    }

    /** The sizes of the Read's messages for a blob of {@code size} random bytes, its bytes checked. */
    private static List<Integer> messages(int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        B3Digest digest = Blobs.write(BLOBS, data);
        List<byte[]> received = wire.serverStreaming(READ, RawWire.bytesField(1, digest.toBytes()));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<Integer> sizes = received.stream().map(RawWire::field1).peek(all::writeBytes).map(b -> b.length).toList();
        assertArrayEquals(data, all.toByteArray());
        return sizes;
    }

    @Test
    void aSmallBlobIsOneMessageOfItsSize() throws Exception {
        assertEquals(List.of(3), messages(3));
        assertEquals(List.of(16 * 1024), messages(16 * 1024));
    }

    @Test
    void aLargerBlobGoesOnIn256KiBMessages() throws Exception {
        int k = 1024;
        assertEquals(List.of(16 * k, 1), messages(16 * k + 1));
        assertEquals(List.of(16 * k, 256 * k, 256 * k, 256 * k, 7), messages(16 * k + 3 * 256 * k + 7));
    }
}
