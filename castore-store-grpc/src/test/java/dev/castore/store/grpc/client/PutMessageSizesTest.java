package dev.castore.store.grpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.blob.ForwardingBlobWriter;
import dev.castore.api.digest.Blake3;
import dev.castore.store.grpc.LoopbackServer;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Put's messages are as large as their arrays: sized by the bytes announced, so that a small
 * file's blob is not sent from an array of {@link GrpcBlobWriter#MESSAGE_SIZE}, and growing from
 * {@link GrpcBlobWriter#FIRST_UNANNOUNCED} without an announcement. Seen from the server, whose
 * writer records each message it is handed.
 */
class PutMessageSizesTest {

    private static final List<Integer> RECEIVED = new CopyOnWriteArrayList<>();
    private static LoopbackServer server;
    private static GrpcBlobService client;

    /** Records the size of each message the server's Put hands its store's writer. */
    private static final class Recording extends ForwardingBlobService {
        Recording(BlobService delegate) {
            super(delegate);
        }

        @Override
        public BlobWriter openWriter() throws IOException {
            return new ForwardingBlobWriter(super.openWriter()) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    RECEIVED.add(src.remaining());
                    return super.write(src);
                }
            };
        }
    }

    @BeforeAll
    static void start() throws IOException {
        server = LoopbackServer.serve(new Recording(new MemoryBlobService()), new MemoryDirectoryService());
        client = server.blobClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void clear() {
        RECEIVED.clear();
    }

    private static void put(byte[] bytes, long announce, int piece) throws IOException {
        try (BlobWriter w = client.openWriter()) {
            if (announce >= 0) {
                w.expect(announce);
            }
            for (int at = 0; at < bytes.length; at += piece) {
                w.write(ByteBuffer.wrap(bytes, at, Math.min(piece, bytes.length - at)));
            }
            assertEquals(Blake3.hash(bytes), w.commit());
        }
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void aSmallAnnouncedBlobIsOneMessageOfItsSize() throws IOException {
        put(random(100), 100, 100);
        assertEquals(List.of(100), RECEIVED);
    }

    @Test
    void anAnnouncedBlobIsSentInFullMessagesThenTheRest() throws IOException {
        put(random(300 * 1024), 300 * 1024, 8192);
        assertEquals(List.of(GrpcBlobWriter.MESSAGE_SIZE, 300 * 1024 - GrpcBlobWriter.MESSAGE_SIZE), RECEIVED);
    }

    @Test
    void withoutAnAnnouncementTheMessagesGrowFrom64KiB() throws IOException {
        put(random(600 * 1024), -1, 8192);
        assertEquals(List.of(65536, 131072, 262144, 600 * 1024 - 65536 - 131072 - 262144), RECEIVED);
    }

    @Test
    void bytesBeyondTheAnnouncementStillArrive() throws IOException {
        put(random(10_000), 1000, 500);
        assertEquals(List.of(1000, 9000), RECEIVED, "the announced 1000, then a growing array from 64 KiB");
    }
}
