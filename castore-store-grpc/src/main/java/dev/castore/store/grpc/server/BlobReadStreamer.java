package dev.castore.store.grpc.server;

import com.google.protobuf.UnsafeByteOperations;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.spi.FailureLog;
import dev.castore.store.grpc.proto.BlobChunk;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a blob as BlobChunk messages while the client keeps up: each time the transport is ready
 * it reads the next {@link BlobEndpoint#READ_MESSAGE_SIZE} bytes and sends them, and stops as
 * soon as it is not. A slow client therefore holds back the reading of the blob; a cancelled call
 * closes the reader.
 */
final class BlobReadStreamer extends FlowControlledStreamer<BlobChunk> {

    private static final Logger LOG = LoggerFactory.getLogger(BlobReadStreamer.class);

    /** The first message's array: the whole of most blobs. */
    static final int FIRST_MESSAGE = 16 * 1024;

    private final BlobReader reader;
    private final B3Digest digest;
    private final FailureLog failures;

    /**
     * Each message's data, read into this one array: sending a message serializes it into the
     * transport's buffers before {@code onNext} returns (grpc-java frames it on the calling
     * thread), so the array is free again for the next one. A new array per message cost zeroing
     * it and collecting it. It has {@link #FIRST_MESSAGE} bytes, and {@link
     * BlobEndpoint#READ_MESSAGE_SIZE} once a blob fills that: an array of the larger size for every
     * Read, a small file's too, had a daemon serving the export of a tree of 48,000 files zero 12
     * GiB (memset, 8 % of its CPU) and collect them. (Doubling instead cost a blob of a few hundred
     * KiB five messages and arrays where two do.)
     */
    private ByteBuffer buffer;

    BlobReadStreamer(BlobReader reader, ServerCallStreamObserver<BlobChunk> call, B3Digest digest, FailureLog failures) {
        super(call);
        this.reader = reader;
        this.digest = digest;
        this.failures = failures;
    }

    @Override
    boolean sendNext(ServerCallStreamObserver<BlobChunk> call) throws IOException {
        if (buffer == null) {
            buffer = ByteBuffer.allocate(FIRST_MESSAGE);
        } else if (buffer.capacity() < BlobEndpoint.READ_MESSAGE_SIZE) {
            // the first message filled it, and the blob goes on
            buffer = ByteBuffer.allocate(BlobEndpoint.READ_MESSAGE_SIZE);
        }
        boolean end = fill(buffer.clear());
        if (buffer.flip().hasRemaining()) {
            // Not copied into the message: it is serialized from the array before onNext returns.
            call.onNext(BlobChunk.newBuilder().setData(UnsafeByteOperations.unsafeWrap(buffer)).build());
        }
        return !end;
    }

    /** Fills {@code buffer} from the reader; true at the end of the blob. */
    private boolean fill(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (reader.read(buffer) < 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    StatusRuntimeException failure(Exception e) {
        failures.failed("reading blob " + digest.toHex(), e);
        return StatusMapping.generic(e);
    }

    @Override
    void releaseSource() {
        try {
            reader.close();
        } catch (IOException e) {
            LOG.debug("closing the reader of blob {} failed", digest.toHex(), e);
        }
    }
}
