package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.blob.ForwardingBlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.store.grpc.client.GrpcBlobService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A server's Put hands each message's data to the store's writer as views of the buffers it
 * arrived in (no copy on the way), and reads messages of every other shape as protobuf does.
 */
class ReceivedChunksTest {

    private static final String[] PUTS = {"snix.castore.v1.BlobService/Put", "tvix.castore.v1.BlobService/Put"};

    @Test
    void aClientsPutReachesTheWriterAsViewsOfTheTransportsBuffers() throws IOException {
        byte[] data = random(3 * 1024 * 1024 + 5, 1); // twelve full messages and a short one
        RecordingBlobService blobs = new RecordingBlobService(new MemoryBlobService());
        try (LoopbackServer server = LoopbackServer.serve(blobs, new MemoryDirectoryService());
                GrpcBlobService client = server.blobClient();
                BlobWriter writer = client.openWriter()) {
            writer.write(ByteBuffer.wrap(data));

            assertEquals(Blake3.hash(data), writer.commit());
        }
        assertArrayEquals(data, read(blobs, Blake3.hash(data)));
        // Copied out of the transport, the data would reach the writer in arrays (heap buffers).
        // A message that arrived partly in frames small enough for grpc-java to gather them into an
        // array of its own is read by protobuf (one of the thirteen, in some runs).
        long viewed = blobs.writes.stream().filter(w -> w.direct() && w.readOnly()).mapToLong(Write::bytes).sum();
        assertTrue(viewed >= data.length / 2, () -> viewed + " of " + data.length + " bytes viewed: " + blobs.writes);
    }

    /**
     * One Put of messages of every shape, under both package names: the data field alone (large,
     * spread over many frames; small; empty; with a longer length encoding than needed), an
     * unknown field before or after it, the field twice (the last one counts, as in protobuf), no
     * field at all; and the same messages compressed.
     */
    @Test
    void everyShapeOfMessageStoresItsDataAsProtobufReadsIt() throws Exception {
        byte[] large = random(2 * 1024 * 1024 + 3, 2);
        byte[] small = random(100, 3);
        byte[] other = random(40, 4);
        List<byte[]> messages = List.of(
                RawWire.bytesField(1, large),
                RawWire.bytesField(1, small),
                RawWire.bytesField(1, new byte[0]),
                // 3 bytes, their length in four bytes (0x83 0x80 0x80 0x00): a length protobuf reads too
                RawWire.concat(new byte[] {0x0a, (byte) 0x83, (byte) 0x80, (byte) 0x80, 0x00}, new byte[] {5, 6, 7}),
                // and in five
                RawWire.concat(new byte[] {0x0a, (byte) 0x82, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00}, new byte[] {8, 9}),
                RawWire.concat(RawWire.varintField(7, 300), RawWire.bytesField(1, small)),
                RawWire.concat(RawWire.bytesField(1, small), RawWire.bytesField(9, other)),
                RawWire.concat(RawWire.bytesField(1, other), RawWire.bytesField(1, small)),
                new byte[0]);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] part : List.of(large, small, new byte[] {5, 6, 7}, new byte[] {8, 9}, small, small, small)) {
            expected.writeBytes(part);
        }
        B3Digest digest = Blake3.hash(expected.toByteArray());
        for (CallOptions options : List.of(CallOptions.DEFAULT, CallOptions.DEFAULT.withCompression("gzip"))) {
            for (String put : PUTS) {
                RecordingBlobService blobs = new RecordingBlobService(new MemoryBlobService());
                try (LoopbackServer server = LoopbackServer.serve(blobs, new MemoryDirectoryService());
                        RawWire wire = new RawWire(server.server.port())) {
                    byte[] answer = wire.clientStreaming(put, messages, options);

                    assertArrayEquals(digest.toBytes(), RawWire.field1(answer), put);
                    assertArrayEquals(expected.toByteArray(), read(blobs, digest), put);
                    // The first message, the data field alone, is viewed unless it came compressed.
                    assertEquals(options.getCompressor() == null, blobs.writes.getFirst().direct(), put);
                }
            }
        }
    }

    @Test
    void aMessageShorterThanItsLengthSaysIsRefusedAndStoresNothing() throws Exception {
        for (String put : PUTS) {
            MemoryBlobService blobs = new MemoryBlobService();
            try (LoopbackServer server = LoopbackServer.serve(blobs, new MemoryDirectoryService());
                    RawWire wire = new RawWire(server.server.port())) {
                byte[] cut = {0x0a, 0x05, 1, 2};

                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> wire.clientStreaming(put, List.of(RawWire.bytesField(1, new byte[] {1}), cut)));

                assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
                assertEquals(0, blobs.size());
            }
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    private static byte[] read(BlobService blobs, B3Digest digest) throws IOException {
        try (InputStream in = blobs.open(digest).orElseThrow().inputStream()) {
            return in.readAllBytes();
        }
    }

    private record Write(boolean direct, boolean readOnly, int bytes) {}

    /** Records what kind of buffer each write into the store hands over. */
    private static final class RecordingBlobService extends ForwardingBlobService {
        final List<Write> writes = Collections.synchronizedList(new ArrayList<>());

        RecordingBlobService(BlobService inner) {
            super(inner);
        }

        @Override
        public BlobWriter openWriter() throws IOException {
            return new ForwardingBlobWriter(delegate().openWriter()) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    writes.add(new Write(src.isDirect(), src.isReadOnly(), src.remaining()));
                    return super.write(src);
                }
            };
        }
    }
}
