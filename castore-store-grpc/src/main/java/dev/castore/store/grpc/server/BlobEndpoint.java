package dev.castore.store.grpc.server;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.spi.FailureLog;
import dev.castore.store.grpc.proto.BlobChunk;
import dev.castore.store.grpc.proto.BlobServiceGrpc;
import dev.castore.store.grpc.proto.PutBlobResponse;
import dev.castore.store.grpc.proto.ReadBlobRequest;
import dev.castore.store.grpc.proto.StatBlobRequest;
import dev.castore.store.grpc.proto.StatBlobResponse;
import dev.castore.store.grpc.wire.ReceivedChunk;
import dev.castore.store.grpc.wire.WireMessages;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Serves any {@link BlobService} as the castore BlobService: Stat, Read and Put ({@link #receive}). */
final class BlobEndpoint extends BlobServiceGrpc.BlobServiceImplBase {

    /** Bytes per outgoing BlobChunk: far fewer messages than tvix's 4 KiB, well below the 4 MiB limit. */
    static final int READ_MESSAGE_SIZE = 256 * 1024;

    private final BlobService blobs;
    private final FailureLog failures;

    BlobEndpoint(BlobService blobs, FailureLog failures) {
        this.blobs = blobs;
        this.failures = failures;
    }

    static Optional<B3Digest> digest(ByteString bytes, StreamObserver<?> observer) {
        Optional<B3Digest> d = WireMessages.digest(bytes);
        if (d.isEmpty()) {
            observer.onError(Status.INVALID_ARGUMENT
                    .withDescription("invalid digest length: " + bytes.size() + " (a BLAKE3 digest has 32 bytes)")
                    .asRuntimeException());
        }
        return d;
    }

    @Override
    public void stat(StatBlobRequest request, StreamObserver<StatBlobResponse> observer) {
        Optional<B3Digest> digest = digest(request.getDigest(), observer);
        if (digest.isEmpty()) {
            return;
        }
        try {
            // Like tvix and snix, always ask for the chunk list, whatever send_chunks says.
            Optional<List<ChunkMeta>> chunks = blobs.chunks(digest.get());
            if (chunks.isEmpty()) {
                observer.onError(StatusMapping.notFound("blob " + digest.get().toHex() + " not found"));
                return;
            }
            observer.onNext(WireMessages.statResponse(chunks.get()));
            observer.onCompleted();
        } catch (IOException | RuntimeException e) {
            failures.failed("stat of blob " + digest.get().toHex(), e);
            observer.onError(StatusMapping.generic(e));
        }
    }

    @Override
    public void read(ReadBlobRequest request, StreamObserver<BlobChunk> observer) {
        Optional<B3Digest> digest = digest(request.getDigest(), observer);
        if (digest.isEmpty()) {
            return;
        }
        Optional<BlobReader> reader;
        try {
            reader = blobs.open(digest.get());
        } catch (IOException | RuntimeException e) {
            failures.failed("opening blob " + digest.get().toHex(), e);
            observer.onError(StatusMapping.generic(e));
            return;
        }
        if (reader.isEmpty()) {
            observer.onError(StatusMapping.notFound("blob " + digest.get().toHex() + " not found"));
            return;
        }
        new BlobReadStreamer(reader.get(), (ServerCallStreamObserver<BlobChunk>) observer, digest.get(), failures).start();
    }

    /**
     * The Put of a blob, each message's data as views of the transport's buffers
     * ({@link dev.castore.store.grpc.wire.WireMethods#withReceivedChunks}), which the store's writer
     * copies from while the message is handled.
     */
    StreamObserver<ReceivedChunk> receive(StreamObserver<PutBlobResponse> observer) {
        ServerCallStreamObserver<PutBlobResponse> call = (ServerCallStreamObserver<PutBlobResponse>) observer;
        BlobWriter writer;
        try {
            writer = blobs.openWriter();
        } catch (IOException | RuntimeException e) {
            failures.failed("opening a blob writer", e);
            observer.onError(StatusMapping.generic(e));
            return new DiscardingObserver<>();
        }
        return new BlobPutReceiver(writer, call, failures);
    }

    /** Swallows the requests of a call that has already failed. */
    static final class DiscardingObserver<T> implements StreamObserver<T> {
        @Override
        public void onNext(T value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }
}
