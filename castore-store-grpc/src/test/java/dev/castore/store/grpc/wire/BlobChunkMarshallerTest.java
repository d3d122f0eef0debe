package dev.castore.store.grpc.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.castore.store.grpc.proto.BlobChunk;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link BlobChunkMarshaller} reads what grpc-java's protobuf marshaller reads, and refuses what it refuses. */
class BlobChunkMarshallerTest {

    private static final MethodDescriptor.Marshaller<BlobChunk> PROTOBUF = ProtoUtils.marshaller(BlobChunk.getDefaultInstance());
    private final BlobChunkMarshaller marshaller = new BlobChunkMarshaller();

    @Test
    void readsTheChunkThatProtobufWrote() throws IOException {
        byte[] data = new byte[256 * 1024];
        new SplittableRandom(13).nextBytes(data);
        byte[] wire = marshaller.stream(BlobChunk.newBuilder().setData(ByteString.copyFrom(data)).build()).readAllBytes();

        BlobChunk read = marshaller.parse(new TransportStream(wire));

        assertArrayEquals(data, read.getData().toByteArray());
        assertArrayEquals(wire, PROTOBUF.stream(read).readAllBytes());
    }

    @Test
    void theDataIsAViewOfTheMessageNotACopy() throws IOException {
        byte[] wire = marshaller.stream(BlobChunk.newBuilder().setData(ByteString.copyFromUtf8("abc")).build()).readAllBytes();

        ByteBuffer data = marshaller.parse(new TransportStream(wire)).getData().asReadOnlyByteBuffer();

        // After the tag and the length, to the end of the array the message was read into.
        assertEquals(2, data.position());
        assertEquals(wire.length, data.capacity());
        assertEquals(ByteString.copyFromUtf8("abc"), ByteString.copyFrom(data));
    }

    @Test
    void anEmptyMessageIsAnEmptyChunk() {
        assertEquals(0, marshaller.parse(new TransportStream(new byte[0])).getData().size());
    }

    @Test
    void aMessageOfUnknownLengthIsReadAsWell() {
        byte[] wire = {0x0a, 0x03, 'a', 'b', 'c'};
        assertEquals(ByteString.copyFromUtf8("abc"), marshaller.parse(new ByteArrayInputStream(wire)).getData());
    }

    @Test
    void aTruncatedMessageIsInternalWithTheParsersError() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> marshaller.parse(new TransportStream(new byte[] {0x0a, 0x05, 1, 2})));

        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
        assertInstanceOf(InvalidProtocolBufferException.class, e.getCause());
    }

    @Test
    void aStreamShorterThanItsAnnouncedLengthIsRefused() {
        byte[] wire = {0x0a, 0x03, 'a', 'b', 'c'};
        InputStream lying = new TransportStream(wire) {
            @Override
            public int available() {
                return wire.length + 1;
            }
        };

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> marshaller.parse(lying));

        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
    }

    /** Valid chunks, unknown fields, a group end at the top level, bad lengths, wrong wire types, cut-off messages. */
    @Test
    void acceptsAndRefusesTheSameMessagesAsProtobuf() throws IOException {
        byte[][] cases = {
            {0x0a, 0x00},
            {0x0a, 0x01, 7, 0x10, 0x05},
            {0x12, 0x02, 1, 2, 0x0a, 0x01, 9},
            {0x0c},
            {0x0a, 0x01, 7, 0x0c},
            {0x08, 0x01},
            {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
            {0x0a, (byte) 0x80},
            {0x00},
            {0x0a, 0x02, 1},
        };
        SplittableRandom random = new SplittableRandom(25);
        byte[] valid = PROTOBUF.stream(BlobChunk.newBuilder().setData(ByteString.copyFromUtf8("some blob bytes")).build())
                .readAllBytes();
        for (byte[] wire : cases) {
            assertSameOutcome(wire);
        }
        for (int i = 0; i < 500; i++) {
            byte[] damaged = Arrays.copyOf(valid, 1 + random.nextInt(valid.length + 4));
            damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            assertSameOutcome(damaged);
        }
    }

    private void assertSameOutcome(byte[] wire) {
        String expected = outcome(PROTOBUF, wire);
        assertEquals(expected, outcome(marshaller, wire), () -> "for " + Arrays.toString(wire));
    }

    private static String outcome(MethodDescriptor.Marshaller<BlobChunk> m, byte[] wire) {
        try {
            BlobChunk chunk = m.parse(new TransportStream(wire));
            return "chunk " + HexFormat.of().formatHex(chunk.getData().toByteArray()) + " " + chunk.getUnknownFields();
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode().toString();
        }
    }

    /** A message as grpc-java's transport hands it to a marshaller: of known length. */
    private static class TransportStream extends ByteArrayInputStream implements KnownLength {
        TransportStream(byte[] message) {
            super(message);
        }
    }
}
