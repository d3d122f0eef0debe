package dev.castore.store.grpc.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import dev.castore.store.grpc.proto.BlobChunk;
import io.grpc.HasByteBuffer;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ReceivedChunkMarshaller} reads what protobuf reads and refuses what it refuses, from
 * messages cut into buffers anywhere (in the tag, in the length, in the data), and gives the
 * data of a message that is the data field alone as views of those buffers.
 */
class ReceivedChunkMarshallerTest {

    private static final MethodDescriptor.Marshaller<BlobChunk> PROTOBUF = ProtoUtils.marshaller(BlobChunk.getDefaultInstance());
    private final ReceivedChunkMarshaller marshaller = new ReceivedChunkMarshaller();

    @Test
    void theDataIsViewedInTheBuffersItArrivedIn() throws IOException {
        byte[] data = new byte[40_000];
        new SplittableRandom(1).nextBytes(data);
        byte[] wire = PROTOBUF.stream(BlobChunk.newBuilder().setData(ByteString.copyFrom(data)).build()).readAllBytes();
        BufferStream stream = new BufferStream(wire, 2, 3, 16_384, 7, 16_384);

        ReceivedChunk chunk = marshaller.parse(stream);
        assertEquals(HexFormat.of().formatHex(data), hex(chunk));
        // A view, not a copy: a change to the buffer shows in the chunk (the data starts after the
        // tag and the three bytes of its length, in the second buffer).
        stream.buffers.get(1).put(2, (byte) (data[0] ^ 1));
        assertEquals((byte) (data[0] ^ 1), bytes(chunk)[0]);
    }

    /** Valid chunks, unknown fields, groups, bad lengths, wrong wire types, cut-off messages, cut anywhere. */
    @Test
    void acceptsAndRefusesTheSameMessagesAsProtobuf() throws IOException {
        List<byte[]> cases = new ArrayList<>(List.of(
                new byte[] {0x0a, 0x00},
                new byte[] {0x0a, 0x01, 7, 0x10, 0x05},
                new byte[] {0x12, 0x02, 1, 2, 0x0a, 0x01, 9},
                new byte[] {0x0a, 0x01, 7, 0x0a, 0x02, 8, 9},
                new byte[] {0x0c},
                new byte[] {0x0a, 0x01, 7, 0x0c},
                new byte[] {0x08, 0x01},
                new byte[] {0x0a, (byte) 0x83, (byte) 0x80, (byte) 0x80, 0x00, 1, 2, 3},
                new byte[] {0x0a, (byte) 0x83, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00, 1, 2, 3},
                new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
                new byte[] {0x0a, (byte) 0x80},
                new byte[] {0x00},
                new byte[] {0x0a, 0x02, 1},
                new byte[] {0x0a, 0x01, 1, 2}));
        SplittableRandom random = new SplittableRandom(2);
        byte[] data = new byte[300];
        random.nextBytes(data);
        byte[] valid = PROTOBUF.stream(BlobChunk.newBuilder().setData(ByteString.copyFrom(data)).build()).readAllBytes();
        for (int i = 0; i < 500; i++) {
            byte[] damaged = Arrays.copyOf(valid, 1 + random.nextInt(valid.length + 4));
            damaged[random.nextInt(Math.min(damaged.length, 4))] = (byte) random.nextInt(256);
            cases.add(damaged);
        }
        cases.add(valid);
        for (byte[] wire : cases) {
            String expected = protobufOutcome(wire);
            for (int cut = 0; cut <= Math.min(wire.length, 8); cut++) {
                int[] sizes = cut == 0 ? new int[] {wire.length} : new int[] {cut, 1 + random.nextInt(64)};
                String got = outcome(new BufferStream(wire, sizes));
                assertEquals(expected, got, () -> Arrays.toString(wire) + " in buffers of " + Arrays.toString(sizes));
            }
        }
    }

    @Test
    void aStreamWithoutBuffersToViewIsReadByProtobuf() throws IOException {
        byte[] wire = {0x0a, 0x03, 'a', 'b', 'c'};
        BufferStream stream = new BufferStream(wire, 5) {
            @Override
            public boolean byteBufferSupported() {
                return false;
            }
        };
        assertEquals("616263", hex(marshaller.parse(stream)));
        assertEquals(-1, stream.read());
    }

    private String outcome(InputStream stream) throws IOException {
        try {
            return "chunk " + hex(marshaller.parse(stream));
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode().toString();
        }
    }

    private static String protobufOutcome(byte[] wire) {
        try {
            return "chunk " + HexFormat.of().formatHex(PROTOBUF.parse(new BufferStream(wire, wire.length)).getData().toByteArray());
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode().toString();
        }
    }

    private static byte[] bytes(ReceivedChunk chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunk.writeTo(Channels.newChannel(out));
        return out.toByteArray();
    }

    private static String hex(ReceivedChunk chunk) throws IOException {
        return HexFormat.of().formatHex(bytes(chunk));
    }

    /**
     * A message as grpc-java's transport hands it over: of known length, in direct buffers it lets
     * a marshaller view one at a time, marked and reset as its streams are.
     */
    private static class BufferStream extends InputStream implements KnownLength, HasByteBuffer {
        final List<ByteBuffer> buffers = new ArrayList<>();
        private int current;
        private int markedBuffer = -1;
        private int markedPosition;

        /** {@code wire} in buffers of {@code sizes}, the last size repeated to the end. */
        BufferStream(byte[] wire, int... sizes) {
            int at = 0;
            for (int i = 0; at < wire.length; i++) {
                int n = Math.min(sizes[Math.min(i, sizes.length - 1)], wire.length - at);
                buffers.add(ByteBuffer.allocateDirect(n).put(wire, at, n).flip());
                at += n;
            }
        }

        private ByteBuffer head() {
            while (current < buffers.size() && !buffers.get(current).hasRemaining()) {
                current++;
            }
            return current < buffers.size() ? buffers.get(current) : null;
        }

        @Override
        public int available() {
            return buffers.stream().skip(current).mapToInt(ByteBuffer::remaining).sum();
        }

        @Override
        public int read() {
            ByteBuffer b = head();
            return b == null ? -1 : b.get() & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            ByteBuffer b = head();
            if (b == null) {
                return length == 0 ? 0 : -1;
            }
            int n = Math.min(length, b.remaining());
            b.get(into, offset, n);
            return n;
        }

        @Override
        public long skip(long n) {
            ByteBuffer b = head();
            int k = b == null ? 0 : (int) Math.min(n, b.remaining());
            if (b != null) {
                b.position(b.position() + k);
            }
            return k;
        }

        @Override
        public boolean byteBufferSupported() {
            return true;
        }

        @Override
        public ByteBuffer getByteBuffer() {
            ByteBuffer b = head();
            return b == null ? null : b.slice();
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public void mark(int limit) {
            head();
            markedBuffer = current;
            markedPosition = current < buffers.size() ? buffers.get(current).position() : 0;
        }

        @Override
        public void reset() throws IOException {
            if (markedBuffer < 0) {
                throw new IOException("not marked");
            }
            for (int i = markedBuffer; i < buffers.size(); i++) {
                buffers.get(i).position(i == markedBuffer ? markedPosition : 0);
            }
            current = markedBuffer;
        }
    }
}
