package dev.castore.store.grpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.grpc.proto.BlobChunk;
import dev.castore.store.grpc.proto.BlobServiceGrpc;
import dev.castore.store.grpc.proto.PutBlobResponse;
import dev.castore.store.grpc.wire.WirePackage;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Put's messages are as large as their arrays: sized by the bytes announced, so that a small
 * file's blob is not sent from an array of {@link GrpcBlobWriter#MESSAGE_SIZE}, and growing from
 * {@link GrpcBlobWriter#FIRST_UNANNOUNCED} without an announcement. Seen from a server that
 * records the size of each message's data (ours hands a message's data over in the pieces it
 * arrived in) and answers its digest.
 */
class PutMessageSizesTest {

    private static final List<Integer> RECEIVED = new CopyOnWriteArrayList<>();
    private static Server server;
    private static GrpcBlobService client;

    /** Records each message's data size and answers the digest of all of it. */
    private static final class Recording extends BlobServiceGrpc.BlobServiceImplBase {
        @Override
        public StreamObserver<BlobChunk> put(StreamObserver<PutBlobResponse> response) {
            Blake3Hasher hasher = Blake3.newHasher();
            return new StreamObserver<>() {
                @Override
                public void onNext(BlobChunk chunk) {
                    RECEIVED.add(chunk.getData().size());
                    hasher.update(chunk.getData().asReadOnlyByteBuffer());
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {
                    response.onNext(PutBlobResponse.newBuilder()
                            .setDigest(ByteString.copyFrom(hasher.digest().toBytes())).build());
                    response.onCompleted();
                }
            };
        }
    }

    @BeforeAll
    static void start() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new Recording())
                .build().start();
        ServiceUrl url = ClientSettings.parseTarget("grpc+http://127.0.0.1:" + server.getPort());
        client = GrpcBlobService.connect(new ClientSettings(url, false, WirePackage.SNIX, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        client.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
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
