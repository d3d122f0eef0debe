package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Blobs;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 1 GiB blob goes up and comes back through a real server in a JVM whose heap (256 MiB) could
 * not hold it: the client writer, the server's receiver, the server's read streamer and the
 * client's verifying download (which spools) all stay bounded.
 */
class HugeBlobTest {

    private static final long SIZE = 1L << 30;

    /**
     * BLAKE3 of the stream (seed 42, 1 GiB), computed once outside any store: hashing it here
     * again would add ~10 s with the portable hasher.
     */
    private static final B3Digest EXPECTED =
            B3Digest.fromHex("0af4c7af42f9a2998f72629b8b648a3bfcc07ba4147dcd75cb6262c2dbf3d885");

    @Test
    @Timeout(120)
    void oneGibibyteBlobRoundTripsThroughACappedHeap() throws Exception {
        assertTrue(Runtime.getRuntime().maxMemory() < SIZE / 2, "run with a capped heap (-Xmx256m)");
        SyntheticBlobService backend = new SyntheticBlobService();
        Blobs.Generated blob = new Blobs.Generated(42, SIZE);
        backend.announce(new SyntheticBlobService.Stream(42, SIZE));
        try (LoopbackServer server = LoopbackServer.serve(backend, new MemoryDirectoryService());
                BlobService client = server.blobClient()) {
            long start = System.nanoTime();
            B3Digest digest = blob.writeTo(client, 1 << 20);
            long put = System.nanoTime();
            assertEquals(EXPECTED, digest, "the digest the server computed is the stream's");
            // The client hands out a reader only after it verified all bytes against the digest.
            try (BlobReader reader = client.open(digest).orElseThrow()) {
                assertEquals(SIZE, Blobs.count(reader));
            }
            long end = System.nanoTime();
            System.err.printf("1 GiB via gRPC: put %s, read %s%n", Duration.ofNanos(put - start),
                    Duration.ofNanos(end - put));
        }
    }
}
