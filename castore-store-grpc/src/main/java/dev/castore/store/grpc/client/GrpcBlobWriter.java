package dev.castore.store.grpc.client;

import com.google.protobuf.UnsafeByteOperations;
import dev.castore.api.CorruptDataException;
import dev.castore.api.InvalidRequestException;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.store.grpc.proto.BlobChunk;
import dev.castore.store.grpc.proto.PutBlobResponse;
import dev.castore.store.grpc.wire.WireMessages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * Streams a blob to a server's Put. Bytes are gathered into messages of {@link #MESSAGE_SIZE}
 * and sent as soon as the transport is ready, so the writer holds at most one message; the
 * server hashes what it received and {@link #commit()} returns its digest once it matched the
 * writer's own: each message is hashed here too, after it was handed to the transport (while the
 * event loop sends it), so that a server that stored other bytes than those sent, or answers
 * another digest, fails the put instead of giving the caller a digest its bytes do not have.
 * Each message's array is new and handed to protobuf without a copy, as large as the bytes
 * announced with {@link #expect} still to come (a small file's blob is a small array), or, without
 * an announcement, twice the previous one from 64 KiB up. Closing without a commit cancels the
 * call, and the server discards the partial blob.
 */
final class GrpcBlobWriter implements BlobWriter {

    /** Bytes per BlobChunk: large enough to amortize per-message costs, well below the 4 MiB limit. */
    static final int MESSAGE_SIZE = 256 * 1024;

    /** The first message's array when no size was announced. */
    static final int FIRST_UNANNOUNCED = 64 * 1024;

    private final RemoteEndpoint endpoint;
    private final Blake3Hasher hasher = Blake3.newHasher();
    private byte[] buffer;
    private int filled;
    /** Bytes announced by {@link #expect} and not yet written, or -1 when none were announced. */
    private long announced = -1;
    /** The size of the last array made. */
    private int lastSize;
    private OutboundStream<BlobChunk, PutBlobResponse> stream;
    private B3Digest committed;
    private IOException failure;
    private boolean closed;

    GrpcBlobWriter(RemoteEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        ensureWritable();
        int n = src.remaining();
        while (src.hasRemaining()) {
            if (buffer == null) {
                buffer = new byte[nextSize()];
            }
            int take = Math.min(src.remaining(), buffer.length - filled);
            src.get(buffer, filled, take);
            filled += take;
            if (announced >= 0) {
                announced = Math.max(0, announced - take);
            }
            if (filled == buffer.length) {
                flush();
            }
        }
        return n;
    }

    /**
     * Announces the bytes to this process's hasher, which checks the server's digest, and sizes
     * the messages' arrays by them.
     */
    @Override
    public synchronized void expect(long bytes) {
        Blake3.expect(bytes);
        announced = Math.max(0, bytes);
    }

    /** What is announced and still to come, else (none announced, or more than announced) twice the last, from 64 KiB. */
    private int nextSize() {
        lastSize = (int) Math.min(MESSAGE_SIZE, announced > 0 ? announced : Math.max(FIRST_UNANNOUNCED, 2L * lastSize));
        return lastSize;
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (committed != null) {
            throw new InvalidRequestException("blob writer already committed");
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void flush() throws IOException {
        // The array is never written again: protobuf may keep it instead of a copy.
        byte[] sent = buffer;
        int length = filled;
        BlobChunk message = BlobChunk.newBuilder().setData(UnsafeByteOperations.unsafeWrap(sent, 0, length)).build();
        buffer = null;
        filled = 0;
        try {
            started().send(message);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        hasher.update(sent, 0, length);
    }

    private OutboundStream<BlobChunk, PutBlobResponse> started() {
        if (stream == null) {
            stream = OutboundStream.start(endpoint, endpoint.methods().putBlob(), "blob put");
        }
        return stream;
    }

    @Override
    public synchronized B3Digest commit() throws IOException {
        if (committed != null) {
            return committed;
        }
        if (closed) {
            throw new ClosedChannelException();
        }
        if (failure != null) {
            throw failure;
        }
        try {
            if (filled > 0) {
                flush();
            }
            PutBlobResponse response = started().finish();
            B3Digest answered = WireMessages.digest(response.getDigest()).orElseThrow(() -> new CorruptDataException(
                    "the server at " + endpoint.target() + " answered a blob put with a digest of "
                            + response.getDigest().size() + " bytes, expected 32"));
            B3Digest sent = hasher.digest();
            if (!answered.equals(sent)) {
                throw new CorruptDataException("the server at " + endpoint.target() + " answered a blob put with "
                        + "digest " + answered.toHex() + ", but the bytes sent have digest " + sent.toHex());
            }
            committed = answered;
            return committed;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public synchronized void close() {
        if (!closed && committed == null && stream != null) {
            stream.cancel();
        }
        closed = true;
    }
}
