package dev.castore.store.grpc.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.UnsafeByteOperations;
import dev.castore.store.grpc.proto.BlobChunk;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and writes {@link BlobChunk} messages as protobuf does, the bytes on the wire unchanged,
 * with one copy fewer on the way in: the message is read out of the transport's buffers into an
 * array of its exact size, and the chunk's data is a view of that array. grpc-java's own
 * marshaller reads it into a scratch buffer and then copies the data out again, a second copy of
 * every blob byte received (a Read on the client; on the server, the Put's messages that a
 * {@link ReceivedChunkMarshaller} cannot view in place).
 *
 * <p>Messages of unknown length (compressed ones) and empty ones go through grpc-java's marshaller;
 * a malformed message fails as there, with INTERNAL and the parser's exception as the cause.
 */
public final class BlobChunkMarshaller implements MethodDescriptor.PrototypeMarshaller<BlobChunk> {

    private static final MethodDescriptor.Marshaller<BlobChunk> PROTOBUF = ProtoUtils.marshaller(BlobChunk.getDefaultInstance());

    @Override
    public BlobChunk getMessagePrototype() {
        return BlobChunk.getDefaultInstance();
    }

    @Override
    public Class<BlobChunk> getMessageClass() {
        return BlobChunk.class;
    }

    @Override
    public InputStream stream(BlobChunk value) {
        return PROTOBUF.stream(value);
    }

    @Override
    public BlobChunk parse(InputStream stream) {
        try {
            int size = stream instanceof KnownLength ? stream.available() : 0;
            if (size <= 0 || size > MessageSize.MAX) {
                return PROTOBUF.parse(stream);
            }
            // Straight into the array: readNBytes(int) would gather the bytes in buffers of its own first.
            byte[] message = new byte[size];
            if (stream.readNBytes(message, 0, size) != size || stream.read() != -1) {
                throw new IOException("the message is not " + size + " bytes long, as its stream announced");
            }
            // The array is this message's alone and never written again: read as immutable, with
            // aliasing, the data is a view of it (protobuf copies out of arrays that may change).
            CodedInputStream input = UnsafeByteOperations.unsafeWrap(message).newCodedInput();
            input.enableAliasing(true);
            BlobChunk chunk = BlobChunk.parser().parseFrom(input, ExtensionRegistryLite.getEmptyRegistry());
            input.checkLastTagWas(0);
            return chunk;
        } catch (IOException e) { // InvalidProtocolBufferException included
            throw Status.INTERNAL.withDescription("Invalid protobuf byte sequence").withCause(e).asRuntimeException();
        }
    }
}
