package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.model.Directory;
import dev.castore.store.grpc.client.ClientSettings;
import dev.castore.store.grpc.client.GrpcBlobService;
import dev.castore.store.grpc.client.GrpcDirectoryService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Directories;
import dev.castore.testkit.FaultProxy;
import dev.castore.testkit.FaultProxy.Direction;
import dev.castore.testkit.FaultProxy.Fault;
import dev.castore.testkit.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC client and server when the other side dies or stalls in the middle of a put or a read,
 * through a proxy that resets or freezes the connection: the call fails with a one-line error (a
 * stalled peer within the ping bounds of {@code Liveness}, 20 s), the server keeps nothing of a
 * put that did not complete, a retry succeeds, and what was reported stored reads back verified.
 */
class GrpcFaultTest {

    /** A stall is noticed after 10 s without an answer plus 10 s for the ping; room for a loaded machine. */
    private static final Duration STALL_BOUND = Duration.ofSeconds(60);
    private static final int BLOB = 24 << 20;

    private MemoryBlobService blobs;
    private MemoryDirectoryService directories;
    private LoopbackServer server;
    private FaultProxy proxy;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        blobs = new MemoryBlobService();
        directories = new MemoryDirectoryService();
        server = LoopbackServer.serve(blobs, directories);
        proxy = new FaultProxy(server.server.port());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        proxy.close();
        server.close();
    }

    private ClientSettings throughProxy() {
        return ClientSettings.of("grpc+http://127.0.0.1:" + proxy.port(), "snix");
    }

    private GrpcBlobService blobClient() throws IOException {
        GrpcBlobService c = GrpcBlobService.connect(throughProxy());
        clients.add(c);
        return c;
    }

    private GrpcDirectoryService directoryClient() throws IOException {
        GrpcDirectoryService c = GrpcDirectoryService.connect(throughProxy());
        clients.add(c);
        return c;
    }

    /** Waits until the server has let go of a put that did not complete: nothing stored. */
    private void awaitNothingStored() throws InterruptedException {
        for (int i = 0; i < 500 && blobs.size() != 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, blobs.size(), "the server kept part of a put");
    }

    @Test
    void aServerThatDiesInTheMiddleOfAPutFailsItAndKeepsNothingAndARetrySucceeds() throws Exception {
        byte[] data = Fixtures.randomBytes(1, BLOB);
        GrpcBlobService client = blobClient();
        proxy.at(Direction.UPSTREAM, 4 << 20, Fault.CUT);

        IOException e = assertThrows(IOException.class, () -> Blobs.write(client, data));

        assertTrue(e.getMessage().contains("UNAVAILABLE"), e.getMessage());
        assertTrue(e.getMessage().contains("failed: the connection to 127.0.0.1:" + proxy.port() + " broke during the"
                + " call (the server stopped or crashed, or something between cut it)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        awaitNothingStored();
        B3Digest digest = Blobs.write(client, data);
        assertEquals(Blake3.hash(data), digest);
        assertArrayEquals(data, Blobs.readAll(client, digest));
    }

    @Test
    void aServerThatDiesInTheMiddleOfAReadFailsItAndARetryReadsTheBlobVerified() throws Exception {
        byte[] data = Fixtures.randomBytes(2, BLOB);
        B3Digest digest = Blobs.write(blobs, data);
        GrpcBlobService client = blobClient();
        assertTrue(client.has(digest));
        proxy.at(Direction.DOWNSTREAM, 4 << 20, Fault.CUT);

        IOException e = assertThrows(IOException.class, () -> Blobs.readAll(client, digest));

        assertTrue(e.getMessage().contains("UNAVAILABLE"), e.getMessage());
        assertTrue(e.getMessage().contains("failed: the connection to 127.0.0.1:" + proxy.port() + " broke during the"
                + " call (the server stopped or crashed, or something between cut it)"), e.getMessage());
        assertArrayEquals(data, Blobs.readAll(client, digest));
    }

    @Test
    void aServerThatStallsInTheMiddleOfAPutFailsItInBoundedTime() throws Exception {
        byte[] data = Fixtures.randomBytes(3, BLOB);
        GrpcBlobService client = blobClient();
        proxy.at(Direction.UPSTREAM, 4 << 20, Fault.STALL);

        IOException e = assertTimeoutPreemptively(STALL_BOUND, () -> assertThrows(IOException.class, () -> Blobs.write(client, data)));

        assertTrue(e.getMessage().contains("UNAVAILABLE"), e.getMessage());
        proxy.cut();
        awaitNothingStored();
        assertEquals(Blake3.hash(data), Blobs.write(client, data));
    }

    @Test
    void aServerThatStallsInTheMiddleOfAReadFailsItInBoundedTime() throws Exception {
        byte[] data = Fixtures.randomBytes(4, BLOB);
        B3Digest digest = Blobs.write(blobs, data);
        GrpcBlobService client = blobClient();
        assertTrue(client.has(digest));
        proxy.at(Direction.DOWNSTREAM, 4 << 20, Fault.STALL);

        IOException e = assertTimeoutPreemptively(STALL_BOUND, () -> assertThrows(IOException.class, () -> Blobs.readAll(client, digest)));

        assertTrue(e.getMessage().contains("UNAVAILABLE"), e.getMessage());
        proxy.resume();
        assertArrayEquals(data, Blobs.readAll(client, digest));
    }

    @Test
    void aClientThatDisappearsInTheMiddleOfAPutLeavesNothingOnTheServer() throws Exception {
        byte[] data = Fixtures.randomBytes(5, BLOB);
        GrpcBlobService client = blobClient();
        BlobWriter writer = client.openWriter();
        writer.write(ByteBuffer.wrap(data, 0, 8 << 20));
        // The client's connection goes away without a word, as when its process is killed.
        for (int i = 0; i < 500 && proxy.upstreamBytes() < 4 << 20; i++) {
            Thread.sleep(10);
        }
        proxy.cut();

        awaitNothingStored();
        assertThrows(IOException.class, () -> {
            writer.write(ByteBuffer.wrap(data, 8 << 20, BLOB - (8 << 20)));
            writer.commit();
        });
        writer.close();
        assertEquals(0, blobs.size());
    }

    @Test
    void aClosureCutInTheMiddleOfItsPutIsNotStoredAtAllAndARetryStoresItWhole() throws Exception {
        GrpcDirectoryService client = directoryClient();
        List<Directory> chain = new ArrayList<>();
        Directory d = Directory.builder().symlink("s", "t").build();
        chain.add(d);
        for (int i = 1; i < 5_000; i++) {
            d = Directory.builder().directory("level-" + i, d).build();
            chain.add(d);
        }
        proxy.at(Direction.UPSTREAM, 100_000, Fault.CUT);

        IOException e = assertThrows(IOException.class, () -> Directories.putAll(client, chain));

        assertTrue(e.getMessage().contains("UNAVAILABLE"), e.getMessage());
        for (Directory x : List.of(chain.getFirst(), chain.get(2_500), chain.getLast())) {
            assertTrue(directories.get(x.digest()).isEmpty(), "nothing of a cut closure is stored");
        }
        assertEquals(chain.getLast().digest(), Directories.putAll(client, chain));
        try (Stream<Directory> all = client.getRecursive(chain.getLast().digest()).asStream()) {
            assertEquals(5_000, all.count());
        }
    }
}
