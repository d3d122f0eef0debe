package dev.castore.store.grpc.wire;

import com.google.protobuf.ByteString;
import dev.castore.store.grpc.proto.BlobChunk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/**
 * The data of one {@link BlobChunk} a server received, as read-only views of the buffers it
 * arrived in, read by a {@link ReceivedChunkMarshaller}. The views are the transport's memory:
 * they are valid while the call's listener handles the message ({@code onMessage}, the
 * observer's {@code onNext}), after which grpc-java releases them; whatever must outlive that is
 * copied out before it returns ({@link #writeTo}).
 */
public final class ReceivedChunk {

    private final List<ByteBuffer> views;

    ReceivedChunk(List<ByteBuffer> views) {
        this.views = views;
    }

    /** A chunk of a message parsed by protobuf (compressed, or of a shape other than the data field alone). */
    static ReceivedChunk of(BlobChunk chunk) {
        return new ReceivedChunk(List.of(chunk.getData().asReadOnlyByteBuffer()));
    }

    /** Writes all of the data to {@code out}, which must have copied it when this returns. */
    public void writeTo(WritableByteChannel out) throws IOException {
        for (ByteBuffer view : views) {
            ByteBuffer data = view.duplicate();
            while (data.hasRemaining()) {
                out.write(data);
            }
        }
    }

    /** The data as one message, copied (for a marshaller that must write it back out). */
    BlobChunk toMessage() {
        ByteString data = ByteString.EMPTY;
        for (ByteBuffer view : views) {
            data = data.concat(ByteString.copyFrom(view.duplicate()));
        }
        return BlobChunk.newBuilder().setData(data).build();
    }
}
