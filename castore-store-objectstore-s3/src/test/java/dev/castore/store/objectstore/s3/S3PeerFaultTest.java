package dev.castore.store.objectstore.s3;

import static dev.castore.store.objectstore.s3.S3ProxyServer.impatientOptions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.store.objectstore.ObjectStoreBlobServiceConfig;
import dev.castore.store.objectstore.ObjectStoreDirectoryServiceConfig;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Directories;
import dev.castore.testkit.FaultProxy;
import dev.castore.testkit.FaultProxy.Direction;
import dev.castore.testkit.FaultProxy.Fault;
import dev.castore.testkit.Fixtures;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * s3proxy dying (connections reset) or stalling (connections frozen) in the middle of reads and
 * writes of blobs and closures: the operation fails with the store's error within the timeouts
 * (2 s per attempt, 5 s per call here), nothing partial is visible, and a retry succeeds.
 */
class S3PeerFaultTest {

    /** retry_timeout is 5 s; the rest is room for a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @RegisterExtension
    static final S3ProxyPerClass s3 = new S3ProxyPerClass();

    private static BlobService blobs(String url, int port) throws IOException {
        return new ObjectStoreBlobServiceConfig(url, impatientOptions(port), null).build("s3", null);
    }

    private static DirectoryService directories(String url, int port) throws IOException {
        return new ObjectStoreDirectoryServiceConfig(url, impatientOptions(port)).build("s3", null);
    }

    @Test
    void aServerDyingMidReadFailsTheReadAndARetryReadsItVerified() throws Exception {
        String url = "s3://" + s3.server().newBucket() + "/p";
        byte[] data = Fixtures.randomBytes(31, 6 << 20);
        try (FaultProxy proxy = new FaultProxy(s3.server().port()); BlobService service = blobs(url, proxy.port())) {
            B3Digest digest = Blobs.write(service, data);
            proxy.at(Direction.DOWNSTREAM, 1_500_000, Fault.KILL);

            IOException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(IOException.class,
                    () -> Blobs.readAll(service, digest)));

            assertTrue(e instanceof StorageException, e.toString());
            assertTrue(e.getMessage().contains(url), e.getMessage());
            proxy.revive();
            assertArrayEquals(data, Blobs.readAll(service, digest));
        }
    }

    @Test
    void aServerStallingMidReadFailsTheReadWithinTheTimeouts() throws Exception {
        String url = "s3://" + s3.server().newBucket() + "/p";
        byte[] data = Fixtures.randomBytes(32, 6 << 20);
        try (FaultProxy proxy = new FaultProxy(s3.server().port()); BlobService service = blobs(url, proxy.port())) {
            B3Digest digest = Blobs.write(service, data);
            proxy.at(Direction.DOWNSTREAM, 1_500_000, Fault.STALL);

            IOException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(IOException.class,
                    () -> Blobs.readAll(service, digest)));

            assertTrue(e.getMessage().contains(url), e.getMessage());
            proxy.resume();
            assertArrayEquals(data, Blobs.readAll(service, digest));
        }
    }

    @Test
    void aServerStallingMidUploadFailsTheWriteLeavesNoBlobAndARetrySucceeds() throws Exception {
        String url = "s3://" + s3.server().newBucket() + "/p";
        byte[] data = Fixtures.randomBytes(33, 6 << 20);
        B3Digest digest;
        try (FaultProxy proxy = new FaultProxy(s3.server().port()); BlobService service = blobs(url, proxy.port())) {
            proxy.at(Direction.UPSTREAM, 1_500_000, Fault.STALL);

            IOException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(IOException.class,
                    () -> Blobs.write(service, data, 64 * 1024)));

            assertTrue(e.getMessage().contains(url), e.getMessage());
            proxy.cut();
            digest = B3Digest.of(dev.castore.api.digest.Blake3.hash(data).toBytes());
            assertFalse(service.has(digest));
            assertEquals(digest, Blobs.write(service, data));
            assertArrayEquals(data, Blobs.readAll(service, digest));
        }
    }

    @Test
    void aClosureWhoseUploadIsCutIsNotVisibleAndARetryStoresItWhole() throws Exception {
        String url = "s3://" + s3.server().newBucket() + "/p";
        List<Directory> chain = Fixtures.chain(20_000);
        B3Digest root = chain.getLast().digest();
        try (FaultProxy proxy = new FaultProxy(s3.server().port()); DirectoryService service = directories(url, proxy.port())) {
            proxy.at(Direction.UPSTREAM, 50_000, Fault.KILL);

            IOException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(IOException.class,
                    () -> Directories.putAll(service, chain)));

            assertTrue(e.getMessage().contains(url), e.getMessage());
            proxy.revive();
            assertTrue(service.get(root).isEmpty(), "a closure whose upload failed is not there");
            assertEquals(root, Directories.putAll(service, chain));
            try (Stream<Directory> all = service.getRecursive(root).asStream()) {
                assertEquals(20_000, all.count());
            }
        }
    }
}
