package dev.castore.store.grpc.wire;

import dev.castore.store.grpc.proto.BlobChunk;
import io.grpc.HasByteBuffer;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@link BlobChunk} messages of a Put without copying their data: a message that is
 * the data field alone (tag, length, bytes: what every castore, tvix and snix client sends)
 * becomes a {@link ReceivedChunk} of views of the transport's buffers, which the blob's writer
 * copies from once. Parsed into a {@link BlobChunk}, each byte would be copied out of those
 * buffers into an array of the message's size, zeroed first, and then copied again by the writer.
 *
 * <p>grpc-java hands the marshaller a stream over the message's buffers, and releases them when
 * the listener has handled the message; the stream's mark keeps the buffers the views point
 * into until then, where reading past them would release them at once. Anything else (a
 * compressed message, another field, a stream without buffers to view) is parsed by protobuf
 * through a {@link BlobChunkMarshaller}, with the same result and the same errors as before.
 */
public final class ReceivedChunkMarshaller implements MethodDescriptor.Marshaller<ReceivedChunk> {

    /** The tag of field 1 ({@code data}), length-delimited. */
    private static final int DATA_TAG = 1 << 3 | 2;

    /** The most bytes a length needs up to {@link MessageSize#MAX} (28 bits); a longer one goes to protobuf. */
    private static final int MAX_LENGTH_BYTES = 4;

    private final BlobChunkMarshaller protobuf = new BlobChunkMarshaller();

    @Override
    public InputStream stream(ReceivedChunk value) {
        return protobuf.stream(value.toMessage());
    }

    @Override
    public ReceivedChunk parse(InputStream stream) {
        if (stream instanceof KnownLength && stream instanceof HasByteBuffer buffers && buffers.byteBufferSupported()
                && stream.markSupported()) {
            try {
                stream.mark(Integer.MAX_VALUE);
                ReceivedChunk chunk = views(stream, buffers);
                if (chunk != null) {
                    return chunk;
                }
                stream.reset();
            } catch (IOException e) {
                // The stream is in memory; should it fail all the same, protobuf reports it.
                resetQuietly(stream);
            }
        }
        return ReceivedChunk.of(protobuf.parse(stream));
    }

    /** The views of the data, or null when the message is not the data field alone. */
    private static ReceivedChunk views(InputStream stream, HasByteBuffer buffers) throws IOException {
        int size = stream.available();
        if (size <= 0 || size > MessageSize.MAX || stream.read() != DATA_TAG) {
            return null;
        }
        int length = 0;
        int lengthBytes = 0;
        while (true) {
            if (lengthBytes == MAX_LENGTH_BYTES) {
                return null;
            }
            int b = stream.read();
            if (b < 0) {
                return null;
            }
            length |= (b & 0x7f) << 7 * lengthBytes++;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (1 + lengthBytes + length != size) {
            return null;
        }
        List<ByteBuffer> views = new ArrayList<>(2);
        for (int left = length; left > 0; ) {
            ByteBuffer current = buffers.getByteBuffer();
            if (current == null || !current.hasRemaining()) {
                return null;
            }
            int take = Math.min(current.remaining(), left);
            views.add(current.slice(current.position(), take).asReadOnlyBuffer());
            if (stream.skip(take) != take) {
                return null;
            }
            left -= take;
        }
        return new ReceivedChunk(views);
    }

    private static void resetQuietly(InputStream stream) {
        try {
            stream.reset();
        } catch (IOException ignored) {
            // protobuf reads what is left and reports what it finds
        }
    }
}
