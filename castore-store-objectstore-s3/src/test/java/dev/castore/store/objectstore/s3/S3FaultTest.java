package dev.castore.store.objectstore.s3;

import static dev.castore.store.objectstore.s3.S3ProxyServer.impatientOptions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.store.objectstore.ObjectStoreBlobServiceConfig;
import dev.castore.store.objectstore.blob.BlobServiceAccess;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The S3 backend when the network fails and when stored data rots. */
class S3FaultTest {

    @RegisterExtension
    static final S3ProxyPerClass s3 = new S3ProxyPerClass();

    @Test
    void connectionDyingMidUploadFailsTheWriteInTimeAndLeavesNoBlob() throws Exception {
        String bucket = s3.server().newBucket();
        byte[] data = Fixtures.randomBytes(21, 6 * 1024 * 1024);
        B3Digest digest = Blake3.hash(data);
        try (CuttingProxy proxy = new CuttingProxy(s3.server().port(), 1_500_000);
                BlobService service = new ObjectStoreBlobServiceConfig("s3://" + bucket + "/p",
                        impatientOptions(proxy.port()), null)
                        .build("faulty", null)) {
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> {
                try (BlobWriter w = service.openWriter()) {
                    for (int off = 0; off < data.length; off += 64 * 1024) {
                        w.write(data, off, Math.min(64 * 1024, data.length - off));
                    }
                    w.commit();
                }
            });
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(proxy.hasCut(), "the proxy cut the upload");
            assertTrue(e instanceof StorageException, e.toString());
            assertTrue(e.getMessage().contains("s3://" + bucket + "/p"), "names the store: " + e.getMessage());
            // retry_timeout is 5 s; the rest is slack for a loaded machine.
            assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, "failed within the timeouts, took " + took);
            assertTrue(e.getMessage().contains("key chunks/b3/"), "names the chunk: " + e.getMessage());
        }
        // Seen through a healthy connection, the blob is not there.
        try (BlobService healthy = new ObjectStoreBlobServiceConfig("s3://" + bucket + "/p",
                impatientOptions(s3.server().port()), null)
                .build("healthy", null)) {
            assertFalse(healthy.has(digest));
            assertTrue(healthy.open(digest).isEmpty());
            // And it can be written completely afterwards.
            assertTrue(Blobs.write(healthy, data).equals(digest));
            assertArrayEquals(data, Blobs.readAll(healthy, digest));
        }
    }

    @Test
    void unansweredRequestsFailWithinTheTimeouts() throws Exception {
        String bucket = s3.server().newBucket();
        try (CuttingProxy proxy = new CuttingProxy(s3.server().port(), 0);
                BlobService service = new ObjectStoreBlobServiceConfig("s3://" + bucket,
                        impatientOptions(proxy.port()), null)
                        .build("hanging", null)) {
            // The first request's bytes trigger the cut; every later attempt hangs until the timeouts.
            long start = System.nanoTime();
            StorageException e = assertThrows(StorageException.class, () -> service.has(Fixtures.HELLOWORLD_DIGEST));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(e.getMessage().startsWith("HEAD s3://" + bucket), e.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
        }
    }

    @Test
    void aChunkCorruptedInTheBucketIsDetectedOnRead() throws Exception {
        try (BlobService service = BlobServiceAccess.blobService(s3.server().newStore("rot"))) {
            byte[] data = Fixtures.randomBytes(22, 1536 * 1024);
            B3Digest d = Blobs.write(service, data);
            String key = BlobServiceAccess.corrupt(service, d);
            try (BlobReader r = service.open(d).orElseThrow()) {
                CorruptDataException e = assertThrows(CorruptDataException.class, () -> Blobs.readAll(r));
                assertTrue(e.getMessage().contains(key), e.getMessage());
            }
        }
    }
}
