package dev.castore.store.grpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.store.grpc.LoopbackServer;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Stat through a real server on loopback, as {@code has} and {@code chunks} ask it: NOT_FOUND
 * is an answer ("absent"), any other status a failure, and a caller interrupted while it waits
 * gets its interrupt back and cancels the call.
 */
class StatAnswersTest {

    private static final B3Digest FAILING = Blake3.hash("the store fails on this one".getBytes(StandardCharsets.UTF_8));
    private static final B3Digest STUCK = Blake3.hash("the store never answers this one".getBytes(StandardCharsets.UTF_8));
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final CompletableFuture<Void> STUCK_ASKED = new CompletableFuture<>();
    private static LoopbackServer server;
    private static GrpcBlobService client;
    private static final MemoryBlobService BLOBS = new MemoryBlobService();

    /** Fails the Stat of {@link #FAILING}; holds that of {@link #STUCK} until released. */
    private static final class Awkward extends ForwardingBlobService {
        Awkward(BlobService delegate) {
            super(delegate);
        }

        @Override
        public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
            if (digest.equals(FAILING)) {
                throw new StorageException("the disk went away");
            }
            if (digest.equals(STUCK)) {
                STUCK_ASKED.complete(null);
                try {
                    RELEASE.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.chunks(digest);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        server = LoopbackServer.serve(new Awkward(BLOBS), new MemoryDirectoryService());
        client = server.blobClient();
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        client.close();
        server.close();
    }

    @Test
    void absentIsAnAnswerAndPresentHasItsChunks() throws IOException {
        byte[] bytes = "a blob the server holds".getBytes(StandardCharsets.UTF_8);
        B3Digest present;
        try (var writer = BLOBS.openWriter()) {
            writer.write(bytes, 0, bytes.length);
            present = writer.commit();
        }
        assertTrue(client.has(present));
        assertEquals(Optional.of(List.of()), client.chunks(present));
        B3Digest absent = Blake3.hash("not there".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 100; i++) {
            assertFalse(client.has(absent));
        }
        assertEquals(Optional.empty(), client.chunks(absent));
    }

    @Test
    void aFailingStatIsAFailureNamingTheBlob() {
        StorageException e = assertThrows(StorageException.class, () -> client.has(FAILING));
        assertTrue(e.getMessage().startsWith("stat of blob " + FAILING.toHex() + " at "), e.getMessage());
        assertTrue(e.getMessage().contains("DATA_LOSS: storage error: the disk went away"), e.getMessage());
    }

    @Test
    void anInterruptedCallerGetsItsInterruptBack() throws Exception {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Thread asking = Thread.ofPlatform().start(() -> {
            try {
                outcome.complete(client.has(STUCK));
            } catch (Throwable t) {
                outcome.complete(t);
            }
            interrupted.complete(Thread.currentThread().isInterrupted());
        });
        STUCK_ASKED.get(30, TimeUnit.SECONDS);
        asking.interrupt();
        Object result = outcome.get(30, TimeUnit.SECONDS);
        asking.join();
        assertTrue(result instanceof InterruptedIOException, String.valueOf(result));
        assertTrue(((Throwable) result).getMessage().startsWith("stat of blob " + STUCK.toHex()), String.valueOf(result));
        assertTrue(interrupted.get(), "the interrupt is kept");
    }
}
