package dev.castore.store.grpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.google.protobuf.ByteString;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.store.grpc.proto.BlobChunk;
import dev.castore.store.grpc.LoopbackServer;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import io.grpc.Status;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fetch that the reader drops (interrupts) while it reads the shared Read of a blob: gRPC's
 * blocking stream then cancels the call, yet may still hand that thread the messages that had
 * arrived. The dropped fetch fails as interrupted, and the fetch of the next chunk gets its bytes
 * (by a call of its own), not the cancellation.
 */
class StreamedChunksInterruptTest {

    /** The first chunk spans four of the server's 256 KiB messages, so its read waits in the middle. */
    private static final int FIRST = 3 * 256 * 1024 + 1000;

    private LoopbackServer server;
    private GrpcBlobService client;
    private byte[] data;
    private B3Digest digest;
    private List<ChunkMeta> chunks;

    @BeforeEach
    void serve() throws Exception {
        server = LoopbackServer.serve(new MemoryBlobService(), new MemoryDirectoryService());
        client = server.blobClient();
        data = Fixtures.randomBytes(13, FIRST + 300_000);
        digest = Blobs.write(client, data);
        chunks = List.of(chunk(0, FIRST), chunk(FIRST, data.length));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private ChunkMeta chunk(int from, int to) {
        return new ChunkMeta(Blake3.hash(ByteBuffer.wrap(data, from, to - from)), to - from);
    }

    /**
     * The Read of the blob in 256 KiB messages, as gRPC's blocking iterator hands them out: a
     * thread that is interrupted while it waits for a message cancels the call, and still gets
     * the messages that had arrived; the cancellation comes after them.
     */
    private Iterator<BlobChunk> arrivedBeforeTheCancel() {
        return new Iterator<>() {
            private int at;
            private boolean cancelled;

            @Override
            public boolean hasNext() {
                if (cancelled && at >= FIRST) {
                    throw Status.CANCELLED.withDescription("Thread interrupted").asRuntimeException();
                }
                if (at == 256 * 1024) {
                    // The reader dropped this fetch while it waited for the second message,
                    // which had arrived: the call is cancelled and the message handed over.
                    Thread.currentThread().interrupt();
                    cancelled = true;
                }
                return at < data.length;
            }

            @Override
            public BlobChunk next() {
                int n = Math.min(256 * 1024, data.length - at);
                BlobChunk m = BlobChunk.newBuilder().setData(ByteString.copyFrom(data, at, n)).build();
                at += n;
                return m;
            }
        };
    }

    private StreamedChunks streamed(Supplier<InboundStream<BlobChunk>> open) {
        return new StreamedChunks(chunks, open, chunk -> {
            int from = chunk.equals(chunks.get(0)) ? 0 : FIRST;
            return ByteBuffer.wrap(Arrays.copyOfRange(data, from, from + (int) chunk.size()));
        });
    }

    /** Fetches chunk 0 on a thread of its own, which the open of the stream interrupts; its failure. */
    private static Throwable droppedFetch(StreamedChunks streamed, ChunkMeta chunk) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                streamed.fetch(0, chunk);
            } catch (Throwable e) {
                failure.set(e);
            }
        }).join();
        return failure.get();
    }

    @Test
    void aFetchThatGotItsBytesAfterItsInterruptGivesTheStreamUp() throws Exception {
        StreamedChunks streamed = streamed(() -> new InboundStream<>("test", "read", () -> {}, arrivedBeforeTheCancel()));
        Throwable first = droppedFetch(streamed, chunks.get(0));
        ByteBuffer second = streamed.fetch(1, chunks.get(1));
        assertEquals(ByteBuffer.wrap(data, FIRST, data.length - FIRST), second, "the next chunk, by its own call");
        assertInstanceOf(InterruptedIOException.class, first, "the dropped fetch");
        streamed.close();
    }

    @Test
    void theChunkAfterAFetchInterruptedInTheStreamGetsItsBytes() throws Exception {
        for (int round = 0; round < 10; round++) {
            StreamedChunks streamed = streamed(() -> {
                InboundStream<BlobChunk> stream = client.read(digest);
                // The reader dropped this fetch as it started reading.
                Thread.currentThread().interrupt();
                return stream;
            });
            Throwable first = droppedFetch(streamed, chunks.get(0));
            assertInstanceOf(InterruptedIOException.class, first, "round " + round + ": the dropped fetch");

            ByteBuffer second = streamed.fetch(1, chunks.get(1));
            assertEquals(ByteBuffer.wrap(data, FIRST, data.length - FIRST), second, "round " + round);
            streamed.close();
        }
    }
}
